import {
  ApiDayFigures,
  ApiDayQuery,
  ApiQueueView,
  AttachCase,
  CaseResult,
  type DeviceIdentity,
  HallIdParams,
  RatingRequested,
  TicketCaseView,
  TicketIdParams,
  TicketStateView as TicketStateSchema,
  type TicketStateView,
} from '@onewindow/protocol';
import type { FastifyPluginAsync } from 'fastify';
import type { Actor } from '../admin/types.js';
import type { IdSource } from '../deps.js';
import { CommandError, notFound } from '../errors.js';
import type { HallService } from '../service.js';
import type { StoredIntegrationKey, StoredTicketCase } from '../store/integration-types.js';
import type { HallStore, StoreTx } from '../store/types.js';
import type { ApiContract } from './api-contract.js';

export interface IntegrationApiDeps {
  contract: ApiContract;
  service: HallService;
  store: HallStore;
  ids: IdSource;
  now: () => number;
}

const AT_WINDOW = ['called', 'serving'];

const caseView = (c: StoredTicketCase | undefined) =>
  c === undefined
    ? null
    : {
        caseNumber: c.caseNumber,
        matterCode: c.matterCode,
        result: c.result,
        note: c.resultNote,
        attachedAt: c.attachedAt,
        resultAt: c.resultAt,
      };

const actorOf = (key: StoredIntegrationKey): Actor => ({ id: `key:${key.id}`, name: key.name });

/**
 * The published API for the hall's business systems, registered with the prefix `/api/v1`: every
 * route declared through the contract (its zod schemas validate the call and make the OpenAPI
 * document), called with an integration key of the route's scope, rate limited per key by the auth
 * hook, and audited here — reads and writes alike — as the key.
 */
export const integrationApi: FastifyPluginAsync<IntegrationApiDeps> = async (api, d) => {
  const { contract, service, store } = d;
  contract.watch(api);
  const audit = (
    tx: StoreTx,
    key: StoredIntegrationKey,
    hallId: string | null,
    action: string,
    target: string,
    after: unknown,
  ) =>
    tx.admin.appendAudit({
      id: d.ids.uuid(),
      at: d.now(),
      hallId,
      actor: actorOf(key).id,
      actorName: key.name,
      action: `api.${action}`,
      target,
      before: null,
      after,
    });
  const used = (key: StoredIntegrationKey, hallId: string | null, action: string, target: string) =>
    store.transaction((tx) => audit(tx, key, hallId, action, target, null));

  const ticketState = async (ticketId: string): Promise<TicketStateView> => {
    const stored = await store.read((tx) => tx.getTicket(ticketId));
    if (stored === undefined) throw notFound('ticket', ticketId);
    const hall = service.hallOf(stored.hallId);
    const status = await service.publicStatus(ticketId);
    const attached = await store.read((tx) => tx.integrations.getTicketCase(ticketId));
    const staff = stored.staffId === null ? undefined : hall.staff.find((s) => s.id === stored.staffId);
    return {
      id: stored.id,
      hallId: stored.hallId,
      number: stored.number,
      matterId: stored.matterId,
      matterCode: hall.matters.get(stored.matterId)?.code ?? stored.matterId,
      status: stored.status,
      issuedAt: stored.issuedAt,
      calledAt: stored.calledAt,
      finishedAt: stored.finishedAt,
      windowId: stored.windowId,
      staffNo: staff?.staffNo ?? null,
      peopleAhead: status.position?.peopleAhead ?? null,
      estimatedWaitMin: status.position?.estimatedWaitMin ?? null,
      case: caseView(attached),
    };
  };

  contract.route(
    api,
    {
      method: 'GET',
      url: '/tickets/:ticketId',
      operationId: 'getTicket',
      summary: 'A ticket’s state: where it stands, the window and clerk serving it, its attached 办件',
      scope: 'queue:read',
      params: TicketIdParams,
      response: TicketStateSchema,
    },
    async ({ params, key }) => {
      const state = await ticketState(params.ticketId);
      await used(key, state.hallId, 'getTicket', `ticket:${state.id}`);
      return state;
    },
  );

  contract.route(
    api,
    {
      method: 'GET',
      url: '/halls/:hallId/queue',
      operationId: 'getQueue',
      summary: 'The hall’s queue now, per matter: waiting, longest wait, the wait a new ticket is told',
      scope: 'queue:read',
      params: HallIdParams,
      response: ApiQueueView,
    },
    async ({ params, key }) => {
      const hall = service.hallOf(params.hallId);
      const { stats } = await service.stats(hall.id);
      await used(key, hall.id, 'getQueue', `hall:${hall.id}`);
      return {
        hallId: hall.id,
        at: stats.at,
        totalWaiting: stats.totalWaiting,
        windowsOpen: stats.windowsOpen,
        matters: stats.matters.map((m) => ({
          matterId: m.matterId,
          matterCode: hall.matters.get(m.matterId)?.code ?? m.matterId,
          waiting: m.waiting,
          longestWaitMin: m.longestWaitMin,
          estimatedWaitMin: m.estimatedWaitMin,
        })),
      };
    },
  );

  contract.route(
    api,
    {
      method: 'PUT',
      url: '/tickets/:ticketId/case',
      operationId: 'attachCase',
      summary: 'Attach the business system’s 办件编号 (and 事项编码) to the visit being served',
      description:
        'Only while the ticket is at a window (called or serving). Attaching again replaces the number. The 好差评 report of the visit carries it.',
      scope: 'case:attach',
      params: TicketIdParams,
      body: AttachCase,
      response: TicketCaseView,
    },
    async ({ params, body, key }) =>
      store.transaction(async (tx) => {
        const t = await tx.getTicket(params.ticketId);
        if (t === undefined) throw notFound('ticket', params.ticketId);
        if (!AT_WINDOW.includes(t.status))
          throw new CommandError(
            'TICKET_NOT_AT_WINDOW',
            `ticket ${t.number} is ${t.status}, not at a window`,
            {
              status: t.status,
            },
          );
        const c: StoredTicketCase = {
          ticketId: t.id,
          hallId: t.hallId,
          caseNumber: body.caseNumber,
          matterCode: body.matterCode ?? null,
          result: null,
          resultNote: null,
          attachedAt: d.now(),
          resultAt: null,
          keyId: key.id,
        };
        await tx.integrations.putTicketCase(c);
        await audit(tx, key, t.hallId, 'attachCase', `ticket:${t.id}`, body);
        return caseView(c)!;
      }),
  );

  contract.route(
    api,
    {
      method: 'POST',
      url: '/tickets/:ticketId/case/result',
      operationId: 'setCaseResult',
      summary: 'Mark the attached 办件 办结 (done) or 办不成 (could not be done)',
      scope: 'case:attach',
      params: TicketIdParams,
      body: CaseResult,
      response: TicketCaseView,
    },
    async ({ params, body, key }) =>
      store.transaction(async (tx) => {
        const c = await tx.integrations.getTicketCase(params.ticketId);
        if (c === undefined) throw notFound('case of ticket', params.ticketId);
        const next = { ...c, result: body.result, resultNote: body.note ?? null, resultAt: d.now() };
        await tx.integrations.putTicketCase(next);
        await audit(tx, key, c.hallId, 'setCaseResult', `ticket:${c.ticketId}`, body);
        return caseView(next)!;
      }),
  );

  contract.route(
    api,
    {
      method: 'POST',
      url: '/tickets/:ticketId/rating-request',
      operationId: 'requestRating',
      summary:
        'Ask the resident for the 好差评 rating of the visit: finishes it at its window, and the pad asks',
      description:
        'A visit at its window is finished (as the window’s 办结 would) and the window’s rating pad asks for the rating; a finished visit not yet rated is left as it is (the pad asks already).',
      scope: 'rating:request',
      params: TicketIdParams,
      response: RatingRequested,
    },
    async ({ params, key }) => {
      const t = await store.read((tx) => tx.getTicket(params.ticketId));
      if (t === undefined) throw notFound('ticket', params.ticketId);
      let finished = false;
      if (AT_WINDOW.includes(t.status) && t.windowId !== null) {
        // The business system acts for the window the visit is at, and for nothing else.
        const asWindow: DeviceIdentity = {
          deviceId: `key:${key.id}`,
          hallId: t.hallId,
          role: 'window',
          windowId: t.windowId,
        };
        const ack = await service.execute(asWindow, 'ticket:finish', {
          requestId: `rating-request-${t.id}`,
          windowId: t.windowId,
          ticketId: t.id,
        });
        if (!ack.ok) throw new CommandError(ack.error.code, ack.error.message, ack.error.details);
        finished = true;
      } else if (t.status !== 'done')
        throw new CommandError('NOT_EVALUABLE', `ticket ${t.number} is ${t.status}; only visits are rated`);
      await used(key, t.hallId, 'requestRating', `ticket:${t.id}`);
      return { finished, ticket: await ticketState(t.id) };
    },
  );

  contract.route(
    api,
    {
      method: 'GET',
      url: '/halls/:hallId/stats',
      operationId: 'getDayFigures',
      summary: 'A service day’s figures: tickets issued and served, mean wait, ratings and 满意率',
      scope: 'stats:read',
      params: HallIdParams,
      query: ApiDayQuery,
      response: ApiDayFigures,
    },
    async ({ params, query, key }) => {
      const hall = service.hallOf(params.hallId);
      const s = await service.reports.statistics(hall.id, { from: query.day, to: query.day, scope: 'hall' });
      await used(key, hall.id, 'getDayFigures', `hall:${hall.id}`);
      return {
        hallId: hall.id,
        day: query.day,
        issued: s.tickets.issued,
        served: s.tickets.served,
        meanWaitMin: s.wait.meanMin,
        ratings: s.ratings.count,
        satisfaction: s.ratings.satisfaction,
      };
    },
  );
};
