import {
  type Appointment,
  type Notice,
  queueStats,
  type Rectification,
  shanghaiInstant,
} from '@onewindow/domain';
import {
  type Ack,
  type AppointmentInput,
  type CommandName,
  commands,
  type DeviceIdentity,
  fail,
  type HallSnapshot,
  type HallStatsMessage,
  ok,
  type ParsedCommand,
  type StaffAssessment,
} from '@onewindow/protocol';
import { formatIssues } from './config.js';
import { CommandError, notFound, toFailure } from './errors.js';
import type { HallRuntime } from './hall-runtime.js';
import { publicTicket } from './live/public-ticket.js';
import { LiveHalls } from './live/registry.js';
import type { HallRegistry } from './registry.js';
import { createAppointment, listAppointments } from './service/appointments.js';
import { caseworkHandlers } from './service/casework.js';
import { closeDay } from './service/day-close.js';
import type { ServiceDeps } from './service/deps.js';
import { HallTurns } from './service/hall-turn.js';
import type { Handlers, StateCommand } from './service/handlers.js';
import { KioskPace, paceKiosk } from './service/kiosk-pace.js';
import { levelHandlers } from './service/levels.js';
import { type Ctx, dispatchFigures, HallOps, liveView } from './service/ops.js';
import { printAtWindow } from './service/print.js';
import { publicStatusOf, snapshotOf, type TicketStatusView } from './service/reads.js';
import { purgePersonalData } from './service/retention.js';
import { checkStaff } from './service/staff-check.js';
import { ticketHandlers } from './service/tickets.js';
import { windowHandlers } from './service/windows.js';
import { Reports } from './stats/reports.js';
import type { PurgeCounts } from './store/types.js';

export type { ServiceDeps } from './service/deps.js';
export { publicTicket } from './service/ops.js';
export { PIN_LOCKOUT } from './service/staff-check.js';

/** The hall's application service: every command is checked here and applied in one store transaction. */
export class HallService {
  readonly ops: HallOps;
  readonly reports: Reports;
  /** Every hall's working state in memory, and the turn its commands take. */
  readonly live: LiveHalls;
  private readonly handlers: Handlers;
  private readonly turns: HallTurns;

  constructor(private readonly deps: ServiceDeps) {
    this.ops = new HallOps(deps);
    this.reports = new Reports(deps.store, deps.halls, () => deps.clock.now());
    this.live = new LiveHalls(deps.others);
    this.turns = new HallTurns(deps, this.live);
    // One table of every state-changing command, assembled from the modules that own them.
    this.handlers = {
      ...ticketHandlers(this.ops),
      ...windowHandlers(this.ops),
      ...caseworkHandlers(this.ops),
      ...levelHandlers(this.ops),
    };
  }

  get halls(): HallRegistry {
    return this.deps.halls;
  }

  hallOf(hallId: string): HallRuntime {
    return this.deps.halls.get(hallId);
  }

  /** The last event sequence of every hall, for the broadcaster to continue from. */
  async lastSeqs(): Promise<Map<string, number>> {
    return this.deps.store.transaction(async (tx) => {
      const out = new Map<string, number>();
      for (const id of this.deps.halls.ids()) out.set(id, (await tx.hallState(id)).lastSeq);
      return out;
    });
  }

  /** Validates, authorizes and applies one command; the answer is always an ack, never a throw. */
  async execute(device: DeviceIdentity, name: CommandName, raw: unknown): Promise<Ack<unknown>> {
    const spec = commands[name];
    // Who may send it comes first: a device that may not send a command learns nothing of its payload.
    if (!(spec.roles as readonly string[]).includes(device.role)) {
      return fail('FORBIDDEN', `a ${device.role} device may not send ${name}`, {
        role: device.role,
        command: name,
      });
    }
    if (
      spec.windowBound &&
      device.windowId !== null &&
      hasWindowId(raw) &&
      raw.windowId !== device.windowId
    ) {
      return fail('FORBIDDEN', `this device acts only for window ${device.windowId}`, {
        windowId: raw.windowId,
      });
    }
    const parsed = spec.payload.safeParse(raw ?? {});
    if (!parsed.success) {
      return fail('VALIDATION_FAILED', `invalid ${name} payload: ${formatIssues(parsed.error).join('; ')}`, {
        issues: formatIssues(parsed.error),
      });
    }
    const payload: unknown = parsed.data;
    try {
      if (name === 'hall:snapshot') return ok(await this.snapshot(device));
      if (name === 'window:print') {
        return ok(
          await printAtWindow(
            this.ops,
            (h) => this.hallOf(h),
            (id) => this.publicStatus(id),
            device,
            payload as ParsedCommand<'window:print'>,
          ),
        );
      }
      if (name === 'window:month')
        return ok(await this.month(device, payload as ParsedCommand<'window:month'>));
      if (name === 'window:open')
        await checkStaff(
          this.deps,
          this.hallOf(device.hallId),
          payload as ParsedCommand<'window:open'>,
          device.person !== undefined,
        );
      if (name === 'ticket:issue' && device.role === 'kiosk')
        await paceKiosk(
          this.deps,
          this.kioskPace,
          this.hallOf(device.hallId).hall.rules.kioskTicketsPerMinute,
          device,
        );
      return await this.runCommand(device, name, payload as { requestId: string });
    } catch (e) {
      return toFailure(e, this.deps.logger, { command: name, deviceId: device.deviceId });
    }
  }

  private async runCommand(
    device: DeviceIdentity,
    name: StateCommand,
    payload: { requestId: string },
  ): Promise<Ack<unknown>> {
    // Keyed: a payload may carry an ID number and a name, which an unkeyed digest would let be tried.
    const payloadHash = this.deps.personalData.digest(name, JSON.stringify(payload));
    const handler = this.handlers[name] as (ctx: Ctx, p: unknown) => Promise<unknown>;
    const out = await this.turns.run(this.hallOf(device.hallId), device, async (ctx) => {
      const previous = await ctx.tx.getRequest(device.deviceId, payload.requestId);
      if (previous !== undefined) {
        if (previous.payloadHash !== payloadHash) {
          throw new CommandError(
            'REQUEST_ID_REUSED',
            `request id ${payload.requestId} was already used for another command`,
            { requestId: payload.requestId, command: previous.command },
          );
        }
        return previous.result;
      }
      const result = await handler(ctx, payload);
      await ctx.tx.putRequest({
        deviceId: device.deviceId,
        requestId: payload.requestId,
        command: name,
        payloadHash,
        result,
        at: ctx.now,
      });
      // What a person does from the console is answerable: who, when, what.
      if (device.person !== undefined) {
        const { requestId: _r, ...what } = payload;
        await ctx.tx.admin.appendAudit({
          id: this.deps.ids.uuid(),
          at: ctx.now,
          hallId: ctx.hall.id,
          actor: device.person.id,
          actorName: device.person.name,
          action: name,
          target: targetOf(what),
          before: null,
          after: what,
        });
      }
      return result;
    });
    return ok(out);
  }

  /** Another instance committed the hall's events up to `seq`: this instance's state follows. */
  catchUp(hallId: string, seq: number): Promise<void> {
    return this.turns.catchUp(hallId, seq);
  }

  /** The hall's queue statistics now, with what dispatch weighs (worked out again only after a change). */
  async stats(hallId: string): Promise<Omit<HallStatsMessage, 'hallId'>> {
    const hall = this.hallOf(hallId);
    return this.turns.read(hall, (live, now) => {
      live.stats = queueStats(liveView(live, hall, now, this.deps.policy, this.deps.calendar), now);
      live.statsSeq = live.seq;
      return { stats: live.stats, dispatch: dispatchFigures(live, hall) };
    });
  }

  snapshot(device: DeviceIdentity, queuedLimit?: number): Promise<HallSnapshot> {
    const hall = this.hallOf(device.hallId);
    return this.turns.read(hall, (live, now) =>
      snapshotOf(live, hall, device, now, this.deps.calendar, this.deps.policy, queuedLimit),
    );
  }

  async publicStatus(ticketId: string): Promise<TicketStatusView> {
    const stored = await this.deps.store.read((tx) => tx.getTicket(ticketId));
    if (stored === undefined) throw notFound('ticket', ticketId);
    const hall = this.hallOf(stored.hallId);
    return this.turns.read(hall, (live, now) =>
      publicStatusOf(
        live.ticket(ticketId) ?? publicTicket(stored),
        hall,
        live,
        now,
        this.deps.policy,
        this.deps.calendar,
      ),
    );
  }

  /** Where a ticket belongs (hall, last window), for the phone's rating. */
  async ticketOf(ticketId: string): Promise<{ hallId: string; windowId: string | null }> {
    const t = await this.deps.store.read((tx) => tx.getTicket(ticketId));
    if (t === undefined) throw notFound('ticket', ticketId);
    return { hallId: t.hallId, windowId: t.windowId };
  }

  /** A one-time notice for the phone page; undefined when there is none. */
  async notice(noticeId: string): Promise<Notice | undefined> {
    return this.deps.store.read((tx) => tx.getCase('notice', noticeId));
  }

  /** 考勤考核: the month of the clerk signed in at a window, read outside the hall's turn. */
  private async month(device: DeviceIdentity, p: ParsedCommand<'window:month'>): Promise<StaffAssessment> {
    const hall = this.hallOf(device.hallId);
    if (!hall.windowDefs.has(p.windowId)) throw notFound('window', p.windowId);
    const staffId = await this.turns.read(hall, (live) => live.windows.get(p.windowId)?.staffId ?? null);
    if (staffId === null) throw new CommandError('STAFF_REQUIRED', 'no clerk is signed in at this window');
    return this.reports.month(hall.id, staffId, p.month);
  }

  /** Rectifications opened on a service day. */
  async listRectifications(hallId: string, day: string): Promise<Rectification[]> {
    this.hallOf(hallId);
    const from = shanghaiInstant(day, '00:00');
    return this.deps.store.read((tx) => tx.listCases('rectification', hallId, from, from + 24 * 3_600_000));
  }

  createAppointment(hallId: string, input: AppointmentInput): Promise<Appointment> {
    return createAppointment(this.ops, this.hallOf(hallId), input);
  }

  listAppointments(hallId: string, day: string): Promise<Appointment[]> {
    this.hallOf(hallId);
    return listAppointments(this.ops, hallId, day);
  }

  /** When personal data was last purged (the tick does it once an hour). */
  private purgedAt = Number.NEGATIVE_INFINITY;
  private readonly kioskPace = new KioskPace();

  /** Erases personal data past its retention now (the tick does it once an hour). */
  purgePersonalData(): Promise<Record<string, PurgeCounts>> {
    const now = this.deps.clock.now();
    this.purgedAt = now;
    return purgePersonalData(this.deps.store, this.deps.halls.all(), now, this.deps.logger);
  }

  /** The day-close check of every hall (day rollover and closing time), and the hourly purge. */
  async tick(): Promise<void> {
    if (this.deps.clock.now() - this.purgedAt >= 3_600_000) await this.purgePersonalData();
    for (const hall of this.deps.halls.all()) {
      const system: DeviceIdentity = { deviceId: 'system', hallId: hall.id, role: 'admin', windowId: null };
      const expired = await this.turns.run(hall, system, async (ctx) => {
        await closeDay(this.ops, ctx);
        return ctx.events.length;
      });
      if (expired > 0)
        this.deps.logger.info({ hallId: hall.id, events: expired }, 'day close expired unfinished tickets');
    }
  }
}

function hasWindowId(p: unknown): p is { windowId: string } {
  return typeof p === 'object' && p !== null && 'windowId' in p && typeof p.windowId === 'string';
}

/** What a command acted on, for the audit log: its window or ticket. */
function targetOf(p: Record<string, unknown>): string {
  if (typeof p.ticketId === 'string') return `ticket:${p.ticketId}`;
  if (typeof p.windowId === 'string') return `window:${p.windowId}`;
  return 'hall';
}
