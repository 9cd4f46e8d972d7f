import {
  type HolidayCalendar,
  mergeSkills,
  openIntervals,
  serviceDayOf,
  shanghaiInstant,
  withBackupSkills,
} from '@onewindow/domain';
import {
  ApplyProposal,
  AssessmentQuery,
  type DeviceIdentity,
  ExportQuery,
  type Person,
  type StaffingProposal,
  StatsQuery,
  statsTables,
  titleOf,
  toCsv,
  WhatIfRequest,
} from '@onewindow/protocol';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type Accounts, actorOf, hallsOf } from '../admin/accounts.js';
import type { ConfigService } from '../admin/config-service.js';
import { CommandError, notFound } from '../errors.js';
import type { HallRegistry } from '../registry.js';
import type { HallService } from '../service.js';
import { foldEvents } from '../stats/fold.js';
import type { Reports } from '../stats/reports.js';
import { liveAdvice } from '../stats/staffing-live.js';
import { observedScenario, whatIfToday } from '../stats/whatif.js';
import { toXlsx } from '../stats/xlsx.js';
import type { HallStore } from '../store/types.js';
import { forbidden, hallParam, personOf } from './auth.js';
import { bodyOf, ok } from './reply.js';

export interface ReportServices {
  halls: HallRegistry;
  store: HallStore;
  accounts: Accounts;
  config: ConfigService;
  reports: Reports;
  service: HallService;
  calendar: HolidayCalendar;
  now: () => number;
}

const queryOf = <T extends Parameters<typeof bodyOf>[0]>(schema: T, query: unknown) =>
  bodyOf(schema, { body: query } as FastifyRequest);

/** The console acting in a hall as the person signed in (their commands are audited as theirs). */
const personDevice = (p: Person, hallId: string): DeviceIdentity => ({
  deviceId: `person:${p.id}`,
  hallId,
  role: 'admin',
  windowId: null,
  person: { id: p.id, name: p.displayName, role: p.role },
});

function sendFile(reply: FastifyReply, name: string, type: string, body: string | Buffer) {
  return reply
    .type(type)
    .header(
      'content-disposition',
      `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .send(body);
}

/** Statistics, staff assessment, exports and live staffing advice (动态调整) of the console. */
export const reportApi: FastifyPluginAsync<ReportServices> = async (http, s) => {
  /** The query of a statistics route; the whole deployment only for those who see every hall. */
  const statsOf = (p: Person, query: unknown) => {
    const q = queryOf(StatsQuery, query);
    if (q.scope === 'deployment' && hallsOf(p, s.halls) !== null) throw forbidden('the whole deployment');
    return q;
  };

  http.get('/halls/:hallId/stats', { config: { access: 'hallRead' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    return ok(await s.reports.statistics(hallId, statsOf(p, req.query)));
  });

  http.get('/halls/:hallId/assessment', { config: { access: 'hallRead' } }, async (req) => {
    const hallId = hallParam(req);
    const q = queryOf(AssessmentQuery, req.query);
    return ok(await s.reports.assessment(hallId, q.from, q.to, q.staffId));
  });

  // Every table of the statistics page (and the staff assessment) as xlsx, or one table as CSV.
  http.get('/halls/:hallId/stats/export', { config: { access: 'hallRead' } }, async (req, reply) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    const { format, table, locale, ...rest } = req.query as Record<string, unknown>;
    const e = queryOf(ExportQuery, { format, table, locale });
    const q = statsOf(p, rest);
    const stats = await s.reports.statistics(hallId, q);
    const tables = statsTables(stats, await s.reports.assessment(hallId, q.from, q.to));
    const base = `onewindow-${hallId}-${q.from}_${q.to}`;
    if (e.format === 'xlsx') {
      const book = await toXlsx(tables, e.locale, `${s.halls.get(hallId).hall.name} ${q.from}–${q.to}`);
      return sendFile(
        reply,
        `${base}.xlsx`,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        book,
      );
    }
    const one = tables.find((t) => t.key === (e.table ?? 'summary'));
    if (one === undefined)
      throw new CommandError('VALIDATION_FAILED', `no table "${e.table}"`, {
        issues: [{ path: 'table', message: `one of ${tables.map((t) => t.key).join(', ')}` }],
      });
    return sendFile(
      reply,
      `${base}-${titleOf(one, 'en').replace(/\s+/g, '-')}.csv`,
      'text/csv; charset=utf-8',
      toCsv(one, e.locale),
    );
  });

  /** Today as the live hall sees it: windows with their skills now, waiting residents, today's visits. */
  const today = async (hallId: string, p: Person) => {
    const hall = s.halls.get(hallId);
    const now = s.now();
    const snap = await s.service.snapshot(personDevice(p, hallId));
    const start = shanghaiInstant(serviceDayOf(now), '00:00');
    const events = await s.store.read((tx) => tx.eventsBetween(hallId, start, now + 1));
    const waiting = new Map<string, number>();
    for (const t of snap.tickets)
      if (t.status === 'waiting' || t.status === 'transferred')
        waiting.set(t.matterId, (waiting.get(t.matterId) ?? 0) + 1);
    return {
      hall,
      now,
      windows: withBackupSkills(snap.windows, hall.staff),
      visits: foldEvents(events, now).visits,
      waiting,
    };
  };

  http.get('/halls/:hallId/staffing', { config: { access: 'hallRead' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    const t = await today(hallId, p);
    return ok(
      liveAdvice({
        now: t.now,
        categories: t.hall.categories,
        matters: [...t.hall.matters.values()],
        windows: t.windows,
        staff: t.hall.staff,
        visits: t.visits,
        waiting: t.waiting,
      }),
    );
  });

  // One click: the change runs as the person's own window commands (audited each), for today only.
  http.post('/halls/:hallId/staffing/apply', { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    const { proposal } = bodyOf(ApplyProposal, req);
    const results = await applyProposal(s, personDevice(p, hallId), proposal);
    await s.store.transaction((tx) =>
      s.config.audit(tx, actorOf(p), hallId, 'staffing.apply', `window:${proposal.windowId}`, null, proposal),
    );
    return ok({ applied: proposal, results });
  });

  http.post('/halls/:hallId/staffing/whatif', { config: { access: 'hallRead' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    const { seeds } = bodyOf(WhatIfRequest, req);
    const t = await today(hallId, p);
    const day = serviceDayOf(t.now);
    const scenario = observedScenario(
      t.hall.hall,
      openIntervals(t.hall.hall.hours, day, s.calendar),
      [...t.hall.matters.values()],
      t.windows,
      t.visits,
      t.now,
      Number(day.replaceAll('-', '')),
    );
    return ok(await whatIfToday(hallId, scenario, seeds));
  });
};

async function applyProposal(s: ReportServices, device: DeviceIdentity, proposal: StaffingProposal) {
  const requestId = () => `staffing-${s.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const run = async (name: 'window:setSkills' | 'window:open' | 'window:close', payload: object) => {
    const ack = await s.service.execute(device, name, { requestId: requestId(), ...payload });
    if (!ack.ok) throw new CommandError(ack.error.code, ack.error.message, ack.error.details);
    return ack.data;
  };
  const hall = s.halls.get(device.hallId);
  switch (proposal.kind) {
    case 'widen': {
      const def = hall.windowDefs.get(proposal.windowId);
      if (def === undefined) throw notFound('window', proposal.windowId);
      // The window's own skills today plus the group: not what an AB岗 backup lends it for now.
      const snap = await s.service.snapshot(device);
      const now = snap.windows.find((w) => w.id === def.id) ?? def;
      return [
        await run('window:setSkills', {
          windowId: def.id,
          primary: now.primary,
          secondary: mergeSkills(now.secondary, { categories: [proposal.categoryId] }),
        }),
      ];
    }
    case 'open':
      return [
        await run('window:open', {
          windowId: proposal.windowId,
          ...(proposal.staffId === null ? {} : { staffId: proposal.staffId }),
        }),
      ];
    case 'move': {
      if (proposal.fromWindowId === null || proposal.staffId === null)
        throw new CommandError('VALIDATION_FAILED', 'a move names the clerk and the window they leave');
      const closed = await run('window:close', { windowId: proposal.fromWindowId });
      return [closed, await run('window:open', { windowId: proposal.windowId, staffId: proposal.staffId })];
    }
  }
}
