import {
  type Evaluation,
  isOverdue,
  type Rectification,
  type ServiceDay,
  type Ticket,
} from '@onewindow/domain';
import type { HallEvent } from '@onewindow/protocol';
import type { HallRuntime } from '../hall-runtime.js';
import type { HallStore, StoreTx } from '../store/types.js';
import { CHANNEL_NAMES, type GoodBadReport, LEVEL_NAMES } from './adapters.js';
import type { Deliveries } from './deliveries.js';

const shanghaiIso = (at: number): string =>
  `${new Date(at + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

/** A ticket as subscribers see it: no resident data. */
function ticketData(hall: HallRuntime, t: Ticket) {
  return {
    ticketId: t.id,
    number: t.number,
    matterId: t.matterId,
    matterCode: hall.matters.get(t.matterId)?.code ?? null,
    priorityClass: t.priorityClass,
    status: t.status,
    issuedAt: t.issuedAt,
    calledAt: t.calledAt,
    finishedAt: t.finishedAt,
    windowId: t.windowId,
    windowNumber: t.windowId === null ? null : (hall.windowDefs.get(t.windowId)?.number ?? null),
  };
}

/** The webhook events of a command's hall events (same transaction, keyed by the event's seq). */
export async function enqueueHallEvents(
  deliveries: Deliveries,
  tx: StoreTx,
  hall: HallRuntime,
  events: readonly HallEvent[],
): Promise<void> {
  for (const e of events) {
    const key = `${e.hallId}:${e.seq}`;
    if (e.type === 'ticket:issued')
      await deliveries.enqueue(tx, e.hallId, 'ticket.issued', key, ticketData(hall, e.ticket));
    else if (e.type === 'ticket:called' && !e.call.recall)
      await deliveries.enqueue(tx, e.hallId, 'ticket.called', key, ticketData(hall, e.ticket));
    else if (e.type === 'ticket:updated' && e.change === 'finished')
      await deliveries.enqueue(tx, e.hallId, 'ticket.served', key, ticketData(hall, e.ticket));
    else if (e.type === 'ticket:updated' && e.change === 'noShow')
      await deliveries.enqueue(tx, e.hallId, 'ticket.noShow', key, ticketData(hall, e.ticket));
  }
}

/**
 * The 好差评 report of a rating (and, later, of its rectification), with the case the business system
 * attached to the visit, if any.
 */
export async function reportRating(
  deliveries: Deliveries,
  tx: StoreTx,
  hall: HallRuntime,
  e: Evaluation,
  ticket: Ticket,
  rectification: Rectification | null,
): Promise<void> {
  const matter = hall.matters.get(e.matterId);
  const staff = e.staffId === null ? undefined : hall.staff.find((s) => s.id === e.staffId);
  const attached = await tx.integrations.getTicketCase(e.ticketId);
  const report: GoodBadReport = {
    reportId: rectification === null ? e.id : `${e.id}:rectified`,
    kind: rectification === null ? 'evaluation' : 'rectification',
    evaluationId: e.id,
    level: e.level,
    levelName: LEVEL_NAMES[e.level] ?? String(e.level),
    channel: e.channel,
    channelName: CHANNEL_NAMES[e.channel] ?? e.channel,
    ratedAt: shanghaiIso(e.at),
    reasons: e.reasons,
    comment: e.comment,
    matterId: e.matterId,
    matterCode: attached?.matterCode ?? matter?.code ?? e.matterId,
    matterName: matter?.name ?? e.matterId,
    department: matter?.department ?? '',
    caseNumber: attached?.caseNumber ?? null,
    hallId: hall.id,
    hallName: hall.hall.name,
    windowId: e.windowId,
    windowNumber: e.windowId === null ? null : (hall.windowDefs.get(e.windowId)?.number ?? null),
    staffNo: staff?.staffNo ?? null,
    ticketNumber: ticket.number,
    rectification:
      rectification === null
        ? null
        : {
            status: rectification.status,
            cause: rectification.cause,
            measures: rectification.measures,
            closedAt: rectification.closedAt === null ? null : shanghaiIso(rectification.closedAt),
          },
  };
  await deliveries.report(tx, report, ticket.resident?.nameMasked ?? null);
  if (rectification === null)
    await deliveries.enqueue(tx, hall.id, 'rating.submitted', e.id, {
      evaluationId: e.id,
      ticketId: e.ticketId,
      level: e.level,
      channel: e.channel,
      matterId: e.matterId,
      windowId: e.windowId,
      at: e.at,
    });
}

/** A bad review's rectification closed: its report goes upward like the rating's. */
export async function reportRectification(
  deliveries: Deliveries,
  tx: StoreTx,
  hall: HallRuntime,
  r: Rectification,
): Promise<void> {
  const evaluation = await tx.getEvaluationByTicket(r.ticketId);
  const ticket = await tx.getTicket(r.ticketId);
  if (evaluation === undefined || ticket === undefined) return;
  await reportRating(deliveries, tx, hall, evaluation, ticket, r);
}

/**
 * 差评整改 past its deadline: subscribers hear of each once (the key is the rectification), from the
 * timers' check.
 */
export async function reportOverdue(
  deliveries: Deliveries,
  store: HallStore,
  halls: readonly HallRuntime[],
  today: ServiceDay,
): Promise<number> {
  // Every timer tick: without a subscriber, no transaction and no scan of the year's cases.
  if (!deliveries.wants('rectification.overdue')) return 0;
  let n = 0;
  for (const hall of halls)
    n += await store.transaction(async (tx) => {
      let queued = 0;
      // Opened within the last year: older ones were settled long ago, and the list stays short.
      const since = Date.parse(`${today}T00:00:00+08:00`) - 366 * 86_400_000;
      for (const r of await tx.listCases('rectification', hall.id, since, Number.MAX_SAFE_INTEGER)) {
        if (!isOverdue(r, today)) continue;
        queued += await deliveries.enqueue(tx, hall.id, 'rectification.overdue', r.id, {
          rectificationId: r.id,
          ticketNumber: r.ticketNumber,
          matterId: r.matterId,
          windowId: r.windowId,
          level: r.level,
          openedDay: r.openedDay,
          deadlineDay: r.deadlineDay,
        });
      }
      return queued;
    });
  return n;
}
