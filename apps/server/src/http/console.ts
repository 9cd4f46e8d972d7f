import type { FastifyPluginAsync } from 'fastify';
import { CaseDesk, type CaseDeskDeps } from '../casework/desk.js';
import type { Residents } from '../residents.js';
import { adminApi, type ConsoleServices } from './admin-routes.js';
import { caseApi } from './case-routes.js';
import { type IntegrationAdminDeps, integrationAdminApi } from './integration-admin.js';
import { type ReportServices, reportApi } from './report-routes.js';

export interface ConsoleApiDeps
  extends ConsoleServices,
    Omit<ReportServices, 'reports'>,
    CaseDeskDeps,
    IntegrationAdminDeps {
  residents: Residents;
}

/**
 * The console's HTTP API, registered with the prefix `/api/admin`: accounts, configuration, devices
 * and backups; statistics and staffing; the case loops; the day's bookings. Every route here is a
 * console form (a state change must come as JSON from this origin, checked by the auth plugin), and
 * declares who may call it (`config.access`).
 */
export const consoleApi: FastifyPluginAsync<ConsoleApiDeps> = async (api, options) => {
  // The options carry this plugin's prefix too; the parts register under it, not under it twice.
  const { prefix: _prefix, ...d } = options as ConsoleApiDeps & { prefix?: string };
  api.addHook('onRoute', (route) => {
    route.config = { ...route.config, consoleForm: true };
  });
  await api.register(adminApi, d);
  await api.register(reportApi, { ...d, reports: d.service.reports });
  await api.register(caseApi, { halls: d.halls, accounts: d.accounts, desk: new CaseDesk(d) });
  await api.register(integrationAdminApi, d);
  d.residents.registerConsoleRoutes(api);
};
