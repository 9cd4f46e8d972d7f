import type { HolidayCalendar } from '@onewindow/domain';
import type { FastifyInstance } from 'fastify';
import type { Accounts } from '../admin/accounts.js';
import type { ConfigService } from '../admin/config-service.js';
import { CaseDesk } from '../casework/desk.js';
import type { Notifier } from '../notify.js';
import type { PersonalDataKeys } from '../privacy.js';
import type { HallRegistry } from '../registry.js';
import type { HallService } from '../service.js';
import type { HallStore } from '../store/types.js';
import { registerCaseRoutes } from './case-routes.js';
import { registerReportRoutes } from './report-routes.js';

export interface ManagementDeps {
  halls: HallRegistry;
  store: HallStore;
  accounts: Accounts;
  config: ConfigService;
  service: HallService;
  personalData: PersonalDataKeys;
  calendar: HolidayCalendar;
  notifier: Notifier;
  now: () => number;
}

/** What a center director runs the hall with: statistics, assessment, staffing advice and the case loops. */
export function registerManagement(http: FastifyInstance, d: ManagementDeps): void {
  const reports = d.service.reports;
  const desk = new CaseDesk(d);
  registerReportRoutes(http, { ...d, reports });
  registerCaseRoutes(http, { halls: d.halls, accounts: d.accounts, desk });
}
