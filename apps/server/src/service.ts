import { createHash } from 'node:crypto';
import {
  type Appointment,
  AT_WINDOW_STATUSES,
  addWorkingDays,
  ageOn,
  applyTicketAction,
  applyWindowAction,
  assertAtWindow,
  assertCanCall,
  assertCheckIn,
  assertValidIdNumber,
  birthDateOf,
  DEFAULT_PACE_WEIGHT,
  type DispatchPolicy,
  DomainError,
  type Evaluation,
  formatTicketNumber,
  handleEstimate,
  type InService,
  idleWindowOrder,
  isAtWindow,
  isEligible,
  isQueued,
  maskResident,
  type Notice,
  newTicket,
  PACE_WINDOW_MIN,
  QUEUED_STATUSES,
  QueueIndex,
  type QueueStats,
  type QueueView,
  queuePosition,
  queueStats,
  RECTIFY_AT_OR_BELOW,
  type Rectification,
  serviceDayOf,
  shanghaiInstant,
  staffMayWorkAt,
  TERMINAL_STATUSES,
  type Ticket,
  type TicketAction,
  type TicketStatus,
  type UnresolvedCase,
  type Window,
  type WindowAction,
  type WindowDef,
  type WindowFigures,
  type WorkdayCalendar,
  withBackupSkills,
} from '@onewindow/domain';
import type { PrintDocument } from '@onewindow/printer';
import {
  type Ack,
  type AppointmentInput,
  type CallRecord,
  type CommandName,
  type CommandResult,
  commands,
  type DeviceIdentity,
  fail,
  type HallEvent,
  type HallSnapshot,
  ok,
  type ParsedCommand,
  type PendingEvent,
  type TicketChange,
} from '@onewindow/protocol';
import { formatIssues, type ServerConfig, type StaffEntry } from './config.js';
import { type Clock, type IdSource, idHash, type Logger, sha256Hex } from './deps.js';
import { CommandError, notFound, toFailure } from './errors.js';
import { HallRuntime, windowRuntimeOf } from './hall-runtime.js';
import type { WindowPrinters } from './printers.js';
import type { HallStore, StoredAppointment, StoreTx } from './store/types.js';
import { noticeDocument, reprintedTicket } from './window-print.js';

export interface ServiceDeps {
  config: ServerConfig;
  store: HallStore;
  clock: Clock;
  logger: Logger;
  ids: IdSource;
  /** Key of the keyed hash that replaces ID numbers in the store. */
  idHashKey: string;
  /** Refuse tickets outside opening hours and close the day at closing time (off in the demo). */
  enforceHours: boolean;
  /** Which ticket a calling window gets. */
  policy: DispatchPolicy;
  /** Called after commit with the events the command appended, in order. */
  publish: (hallId: string, events: readonly HallEvent[]) => void;
  /** Working days for rectification deadlines (Chinese holidays and 调休). */
  workdays: WorkdayCalendar;
  /** Thermal printers at windows. */
  printers: WindowPrinters;
  /** Where residents' phones reach this server (the QR code on a reprinted ticket). */
  publicUrl: () => string;
}

/** Wrong PINs in a row before a person's logins are refused for a while. */
const PIN_TRIES = 5;
const PIN_LOCK_MS = 5 * 60_000;

interface Ctx {
  tx: StoreTx;
  hall: HallRuntime;
  now: number;
  day: string;
  device: DeviceIdentity;
  events: PendingEvent[];
  /** Today's queue and the windows, read once per command and kept current by its own writes. */
  queue?: Map<string, Ticket>;
  windowStates?: Map<string, Window>;
  atWindow?: Map<string, Ticket>;
  handle?: Map<string, number>;
  pace?: Map<string, number>;
  index?: QueueIndex;
}

type Handler<K extends CommandName> = (ctx: Ctx, payload: ParsedCommand<K>) => Promise<CommandResult<K>>;
type Handlers = { [K in Exclude<CommandName, 'hall:snapshot' | 'window:print'>]: Handler<K> };

/** Recently finished tickets a snapshot carries so screens can show them. */
const RECENT_FINISHED = 20;
const RECENT_CALLS = 10;
const ACTIVE_STATUSES: readonly TicketStatus[] = ['waiting', 'transferred', 'called', 'serving'];

/** The hall's application service: every command runs here, inside one store transaction. */
export class HallService {
  readonly halls: ReadonlyMap<string, HallRuntime>;

  constructor(private readonly deps: ServiceDeps) {
    this.halls = new Map(deps.config.halls.map((h) => [h.hall.id, new HallRuntime(h)]));
  }

  hallOf(hallId: string): HallRuntime {
    const hall = this.halls.get(hallId);
    if (hall === undefined) throw notFound('hall', hallId);
    return hall;
  }

  /** The last event sequence of every hall, for the broadcaster to continue from. */
  async lastSeqs(): Promise<Map<string, number>> {
    return this.deps.store.transaction(async (tx) => {
      const out = new Map<string, number>();
      for (const id of this.halls.keys()) out.set(id, (await tx.hallState(id)).lastSeq);
      return out;
    });
  }

  /** Validates, authorizes and applies one command; the answer is always an ack, never a throw. */
  async execute(device: DeviceIdentity, name: CommandName, raw: unknown): Promise<Ack<unknown>> {
    const spec = commands[name];
    const parsed = spec.payload.safeParse(raw ?? {});
    if (!parsed.success) {
      return fail('VALIDATION_FAILED', `invalid ${name} payload: ${formatIssues(parsed.error).join('; ')}`, {
        issues: formatIssues(parsed.error),
      });
    }
    if (!spec.roles.includes(device.role)) {
      return fail('FORBIDDEN', `a ${device.role} device may not send ${name}`, {
        role: device.role,
        command: name,
      });
    }
    const payload: unknown = parsed.data;
    if (
      spec.windowBound &&
      device.windowId !== null &&
      hasWindowId(payload) &&
      payload.windowId !== device.windowId
    ) {
      return fail('FORBIDDEN', `this device acts only for window ${device.windowId}`, {
        windowId: payload.windowId,
      });
    }
    try {
      if (name === 'hall:snapshot') return ok(await this.snapshot(device));
      if (name === 'window:print')
        return ok(await this.printAtWindow(device, payload as ParsedCommand<'window:print'>));
      return await this.runCommand(device, name, payload as { requestId: string });
    } catch (e) {
      return toFailure(e, this.deps.logger, { command: name, deviceId: device.deviceId });
    }
  }

  private async runCommand(
    device: DeviceIdentity,
    name: Exclude<CommandName, 'hall:snapshot' | 'window:print'>,
    payload: { requestId: string },
  ): Promise<Ack<unknown>> {
    const hall = this.hallOf(device.hallId);
    const payloadHash = createHash('sha256')
      .update(name)
      .update('\0')
      .update(JSON.stringify(payload))
      .digest('hex');
    const { result, events, replayed } = await this.deps.store.transaction(async (tx) => {
      const previous = await tx.getRequest(device.deviceId, payload.requestId);
      if (previous !== undefined) {
        if (previous.payloadHash !== payloadHash) {
          throw new CommandError(
            'REQUEST_ID_REUSED',
            `request id ${payload.requestId} was already used for another command`,
            {
              requestId: payload.requestId,
              command: previous.command,
            },
          );
        }
        return { result: previous.result, events: [] as HallEvent[], replayed: true };
      }
      const now = this.deps.clock.now();
      const ctx: Ctx = { tx, hall, now, day: serviceDayOf(now), device, events: [] };
      const handler = this.handlers[name] as (ctx: Ctx, p: unknown) => Promise<unknown>;
      const result = await handler(ctx, payload);
      if (ctx.events.length > 0) ctx.events.push(await this.statsEvent(ctx));
      const events = await tx.appendEvents(hall.id, ctx.events);
      await tx.putRequest({
        deviceId: device.deviceId,
        requestId: payload.requestId,
        command: name,
        payloadHash,
        result,
        at: now,
      });
      return { result, events, replayed: false };
    });
    if (!replayed) this.deps.publish(hall.id, events);
    return ok(result);
  }

  private readonly handlers: Handlers = {
    'ticket:issue': (ctx, p) => this.issue(ctx, p),
    'window:open': async (ctx, p) => {
      let staff: StaffEntry | undefined;
      if (p.staffId !== undefined) {
        staff = ctx.hall.staff.find((s) => s.id === p.staffId);
        if (staff === undefined) throw notFound('staff', p.staffId);
        if (!staffMayWorkAt(staff, p.windowId, ctx.hall.staff)) {
          throw new DomainError(
            'STAFF_NOT_ALLOWED',
            `${staff.name} is not assigned to this window, nor a backup for it`,
            {
              staffId: staff.id,
              windowId: p.windowId,
            },
          );
        }
        this.checkPin(staff, p.pin, ctx.now);
      }
      return {
        window: await this.changeWindow(ctx, p.windowId, {
          type: 'open',
          at: ctx.now,
          staffId: p.staffId ?? null,
        }),
        staff: staff === undefined ? null : { id: staff.id, name: staff.name },
      };
    },
    'window:today': (ctx, p) => this.windowFigures(ctx, p.windowId),
    'notice:issue': async (ctx, p) => {
      const window = await this.window(ctx, p.windowId);
      const ticket = await this.ticket(ctx, p.ticketId);
      if (ticket.windowId !== window.id) {
        throw new DomainError(
          'TICKET_NOT_AT_WINDOW',
          `ticket ${ticket.number} was not served at this window`,
          {
            ticketId: ticket.id,
            windowId: window.id,
          },
        );
      }
      const notice: Notice = {
        id: this.deps.ids.uuid(),
        hallId: ctx.hall.id,
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        matterId: ticket.matterId,
        matterName: ctx.hall.matters.get(ticket.matterId)?.name ?? ticket.matterId,
        windowId: window.id,
        // As residents know it: the number is what they will look for next time.
        windowName: `${window.number}号窗口 ${window.name}`,
        staffId: window.staffId,
        staffName: staffOf(ctx.hall, window.staffId)?.name ?? null,
        staffNo: staffOf(ctx.hall, window.staffId)?.staffNo ?? null,
        missing: p.missing,
        note: p.note ?? null,
        at: ctx.now,
      };
      await ctx.tx.insertCase('notice', notice);
      return { notice };
    },
    'unresolved:record': async (ctx, p) => {
      const window = await this.window(ctx, p.windowId);
      const ticket = p.ticketId === undefined ? undefined : await this.ticket(ctx, p.ticketId);
      const record: UnresolvedCase = {
        id: this.deps.ids.uuid(),
        hallId: ctx.hall.id,
        ticketId: ticket?.id ?? null,
        ticketNumber: ticket?.number ?? null,
        matterId: ticket?.matterId ?? null,
        windowId: window.id,
        staffId: window.staffId,
        request: p.request,
        reason: p.reason,
        contactName: p.contactName ?? null,
        contactPhone: p.contactPhone ?? null,
        status: 'open',
        at: ctx.now,
      };
      await ctx.tx.insertCase('unresolved', record);
      return { case: record };
    },
    'window:pause': async (ctx, p) => ({
      window: await this.changeWindow(ctx, p.windowId, { type: 'pause', at: ctx.now, reason: p.reason }),
    }),
    'window:resume': async (ctx, p) => {
      const window = await this.changeWindow(ctx, p.windowId, { type: 'resume', at: ctx.now });
      return { window: (await this.autoCall(ctx, window))?.window ?? window };
    },
    'window:close': async (ctx, p) => ({
      window: await this.changeWindow(ctx, p.windowId, { type: 'close', at: ctx.now }),
    }),
    'window:autoCall': async (ctx, p) => {
      const window = await this.changeWindow(ctx, p.windowId, {
        type: 'setAutoCall',
        at: ctx.now,
        autoCall: p.autoCall,
      });
      return { window: (await this.autoCall(ctx, window))?.window ?? window };
    },
    'ticket:callNext': async (ctx, p) => {
      const window = await this.window(ctx, p.windowId);
      assertCanCall(window); // a busy or closed window hears that, not "queue empty"
      const next = await this.pickNext(ctx, window);
      if (next === undefined) {
        throw new DomainError('QUEUE_EMPTY', `no ticket is waiting that window ${window.number} can serve`, {
          windowId: window.id,
        });
      }
      return { ...(await this.call(ctx, window, next)), next: null };
    },
    'ticket:call': async (ctx, p) => {
      const window = await this.window(ctx, p.windowId);
      const ticket = await this.ticket(ctx, p.ticketId);
      const skills = (await this.effectiveWindows(ctx)).find((w) => w.id === window.id) ?? window;
      if (isQueued(ticket) && !isEligible(skills, ticket, ctx.hall.matters)) {
        throw new DomainError(
          'NOT_ELIGIBLE',
          `window ${window.number} does not serve ticket ${ticket.number}`,
          {
            ticketId: ticket.id,
            windowId: window.id,
          },
        );
      }
      return { ...(await this.call(ctx, window, ticket)), next: null };
    },
    'ticket:recall': async (ctx, p) => {
      const { window, ticket } = await this.atWindow(ctx, p.windowId, p.ticketId);
      const updated = applyTicketAction(ticket, {
        type: 'recall',
        at: ctx.now,
        maxRecalls: ctx.hall.hall.rules.maxRecalls,
      });
      await this.saveTicket(ctx, updated);
      if (updated.status === 'noShow') return this.leave(ctx, window, updated, 'noShow');
      this.pushCalled(ctx, updated, window, true);
      return { ticket: updated, window, next: null };
    },
    'ticket:noShow': (ctx, p) => this.endAtWindow(ctx, p, { type: 'noShow', at: ctx.now }, 'noShow'),
    'ticket:restore': async (ctx, p) => {
      const window = await this.window(ctx, p.windowId);
      const ticket = await this.ticket(ctx, p.ticketId);
      if (ticket.windowId !== window.id) {
        throw new DomainError(
          'TICKET_NOT_AT_WINDOW',
          `ticket ${ticket.number} was not called at this window`,
          {
            ticketId: ticket.id,
            windowId: window.id,
          },
        );
      }
      const restored = applyTicketAction(ticket, {
        type: 'restore',
        at: ctx.now,
        withinMs: ctx.hall.hall.rules.undoNoShowMin * 60_000,
      });
      const taken = applyWindowAction(window, { type: 'take', at: ctx.now, ticketId: ticket.id });
      await this.saveTicket(ctx, restored);
      await this.saveWindow(ctx, taken);
      this.pushTicket(ctx, restored, 'restored');
      return { ticket: restored, window: taken, next: null };
    },
    'ticket:start': async (ctx, p) => {
      const { window, ticket } = await this.atWindow(ctx, p.windowId, p.ticketId);
      const updated = applyTicketAction(ticket, { type: 'start', at: ctx.now });
      await this.saveTicket(ctx, updated);
      this.pushTicket(ctx, updated, 'started');
      return { ticket: updated, window, next: null };
    },
    'ticket:finish': (ctx, p) => this.endAtWindow(ctx, p, { type: 'finish', at: ctx.now }, 'finished'),
    'ticket:transfer': async (ctx, p) => {
      const to = p.to;
      if ('matterId' in to && !ctx.hall.matters.has(to.matterId)) {
        throw new DomainError('TRANSFER_TARGET_INVALID', `matter "${to.matterId}" does not exist`, {
          matterId: to.matterId,
        });
      }
      if ('windowId' in to && (!ctx.hall.windowDefs.has(to.windowId) || to.windowId === p.windowId)) {
        throw new DomainError('TRANSFER_TARGET_INVALID', `cannot transfer to window "${to.windowId}"`, {
          windowId: to.windowId,
        });
      }
      if ('windowId' in to) {
        // Nobody is logged in there: the ticket would wait for a window that may not open today.
        const target = await this.window(ctx, to.windowId);
        if (target.state === 'closed') {
          throw new DomainError('WINDOW_NOT_OPEN', `window ${target.number} is closed`, {
            windowId: target.id,
            state: target.state,
          });
        }
      }
      return this.endAtWindow(
        ctx,
        p,
        { type: 'transfer', at: ctx.now, to, note: p.note ?? null },
        'transferred',
      );
    },
    'ticket:cancel': async (ctx, p) => {
      const ticket = await this.ticket(ctx, p.ticketId);
      const updated = applyTicketAction(ticket, { type: 'cancel', at: ctx.now, reason: p.reason });
      await this.saveTicket(ctx, updated);
      this.pushTicket(ctx, updated, 'cancelled');
      if (ticket.windowId !== null && ticket.status === 'called') {
        const window = await this.window(ctx, ticket.windowId);
        if (window.currentTicketId === ticket.id)
          await this.saveWindow(ctx, applyWindowAction(window, { type: 'release', at: ctx.now }));
      }
      return { ticket: updated };
    },
    'evaluation:submit': async (ctx, p) => {
      const ticket = await this.ticket(ctx, p.ticketId);
      if (ticket.status !== 'done') {
        throw new CommandError(
          'NOT_EVALUABLE',
          `ticket ${ticket.number} is ${ticket.status}; only finished visits are rated`,
        );
      }
      if (ctx.device.role === 'pad' && ticket.windowId !== ctx.device.windowId) {
        throw new CommandError('FORBIDDEN', 'a rating pad rates only the visits of its own window', {
          ticketId: ticket.id,
        });
      }
      if ((await ctx.tx.getEvaluationByTicket(ticket.id)) !== undefined) {
        throw new CommandError(
          'ALREADY_EVALUATED',
          `the visit of ticket ${ticket.number} has already been rated`,
        );
      }
      const evaluation: Evaluation = {
        id: this.deps.ids.uuid(),
        hallId: ctx.hall.id,
        ticketId: ticket.id,
        windowId: ticket.windowId,
        staffId: ticket.staffId,
        matterId: ticket.matterId,
        level: p.level,
        reasons: p.reasons,
        comment: p.comment ?? null,
        channel: ctx.device.role === 'kiosk' ? 'kiosk' : 'pad',
        at: ctx.now,
      };
      await ctx.tx.insertEvaluation(evaluation);
      let rectification: Rectification | null = null;
      if (evaluation.level <= RECTIFY_AT_OR_BELOW) {
        const days = ctx.hall.hall.rules.rectificationDays;
        rectification = {
          id: this.deps.ids.uuid(),
          hallId: ctx.hall.id,
          evaluationId: evaluation.id,
          ticketId: ticket.id,
          ticketNumber: ticket.number,
          windowId: ticket.windowId,
          staffId: ticket.staffId,
          matterId: ticket.matterId,
          level: evaluation.level,
          reasons: evaluation.reasons,
          comment: evaluation.comment,
          openedDay: ctx.day,
          workingDays: days,
          deadlineDay: addWorkingDays(ctx.day, days, this.deps.workdays),
          status: 'open',
          at: ctx.now,
        };
        await ctx.tx.insertCase('rectification', rectification);
      }
      return { evaluation, rectification };
    },
  };

  private readonly pinFailures = new Map<string, { count: number; until: number }>();

  /** Checks a clerk's PIN when one is configured; repeated wrong PINs lock that person out for a while. */
  private checkPin(staff: StaffEntry, pin: string | undefined, now: number): void {
    if (staff.pinSha256 === undefined) return;
    const failures = this.pinFailures.get(staff.id);
    if (failures !== undefined && failures.count >= PIN_TRIES && now < failures.until) {
      throw new CommandError('WRONG_PIN', 'too many wrong PINs; try again in a few minutes', {
        staffId: staff.id,
        retryAt: failures.until,
      });
    }
    // Forgetting to type the PIN is not a guess: it costs no try.
    if (pin === undefined) {
      throw new CommandError('WRONG_PIN', 'a PIN is required', { staffId: staff.id, pinRequired: true });
    }
    if (sha256Hex(`${staff.id}:${pin}`) === staff.pinSha256) {
      this.pinFailures.delete(staff.id);
      return;
    }
    const count = (failures !== undefined && now < failures.until ? failures.count : 0) + 1;
    this.pinFailures.set(staff.id, { count, until: now + PIN_LOCK_MS });
    throw new CommandError('WRONG_PIN', 'wrong PIN', {
      staffId: staff.id,
      triesLeft: Math.max(0, PIN_TRIES - count),
    });
  }

  /** Today's figures of a window, or of its clerk when one is logged in. */
  private async windowFigures(ctx: Ctx, windowId: string): Promise<WindowFigures> {
    const window = await this.window(ctx, windowId);
    const mine = (t: { windowId: string | null; staffId: string | null }) =>
      window.staffId !== null ? t.staffId === window.staffId : t.windowId === window.id;
    const tickets = (
      await ctx.tx.listTickets(ctx.hall.id, { serviceDay: ctx.day, statuses: ['done', 'noShow'] })
    ).filter(mine);
    const served = tickets.filter((t) => t.status === 'done');
    const minutes = served
      .map((t) => ((t.finishedAt ?? 0) - (t.startedAt ?? t.calledAt ?? t.finishedAt ?? 0)) / 60_000)
      .filter((m) => m >= 0);
    const from = shanghaiInstant(ctx.day, '00:00');
    const ratings = (await ctx.tx.listEvaluations(ctx.hall.id, from, from + 24 * 3_600_000)).filter(mine);
    const byLevel = [1, 2, 3, 4, 5].map((l) => ratings.filter((r) => r.level === l).length);
    return {
      windowId: window.id,
      staffId: window.staffId,
      served: served.length,
      noShows: tickets.length - served.length,
      averageHandleMin: minutes.length === 0 ? null : minutes.reduce((a, b) => a + b, 0) / minutes.length,
      ratings: {
        count: ratings.length,
        average: ratings.length === 0 ? null : ratings.reduce((a, r) => a + r.level, 0) / ratings.length,
        byLevel,
      },
    };
  }

  /** 补打号票 or a one-time notice on the window's own printer; not a change of state, so no event. */
  private async printAtWindow(
    device: DeviceIdentity,
    p: ParsedCommand<'window:print'>,
  ): Promise<{ warnings: string[] }> {
    const hall = this.hallOf(device.hallId);
    if (!hall.windowDefs.has(p.windowId)) throw notFound('window', p.windowId);
    if (!this.deps.printers.has(p.windowId)) {
      throw new CommandError('NO_PRINTER', `window ${p.windowId} has no printer`, { windowId: p.windowId });
    }
    let doc: PrintDocument;
    if (p.document.kind === 'ticket') {
      const status = await this.publicStatus(p.document.ticketId);
      const stored = await this.deps.store.read((tx) => tx.getTicket(status.id));
      if (stored === undefined || stored.hallId !== hall.id) throw notFound('ticket', p.document.ticketId);
      doc = reprintedTicket(
        hall.hall.name,
        {
          ...status,
          priorityClass: stored.priorityClass,
          residentName: stored.resident?.nameMasked ?? null,
          peopleAhead: status.position?.peopleAhead ?? null,
          estimatedWaitMin: status.position?.estimatedWaitMin ?? null,
        },
        `${this.deps.publicUrl()}/t/${encodeURIComponent(status.id)}`,
      );
    } else {
      const notice = await this.notice(p.document.noticeId);
      if (notice === undefined || notice.hallId !== hall.id) throw notFound('notice', p.document.noticeId);
      if (device.windowId !== null && notice.windowId !== device.windowId) {
        throw new CommandError('FORBIDDEN', 'a window prints only the notices it issued', {
          noticeId: notice.id,
        });
      }
      doc = noticeDocument(hall.hall.name, hall.hall.phone, notice);
    }
    const outcome = await this.deps.printers.print(p.windowId, doc);
    if (!outcome.ok) {
      throw new CommandError(
        'PRINT_FAILED',
        `the printer of window ${p.windowId} did not print: ${outcome.error.message}`,
        {
          problem: outcome.error.code,
        },
      );
    }
    return { warnings: outcome.warnings };
  }

  /** A one-time notice for the phone page; undefined when there is none. */
  async notice(noticeId: string): Promise<Notice | undefined> {
    return this.deps.store.read((tx) => tx.getCase('notice', noticeId));
  }

  /** Rectifications opened on a service day. */
  async listRectifications(hallId: string, day: string): Promise<Rectification[]> {
    this.hallOf(hallId);
    const from = shanghaiInstant(day, '00:00');
    return this.deps.store.read((tx) => tx.listCases('rectification', hallId, from, from + 24 * 3_600_000));
  }

  private async issue(ctx: Ctx, p: ParsedCommand<'ticket:issue'>): Promise<CommandResult<'ticket:issue'>> {
    const { hall, tx, now, day } = ctx;
    this.assertOpenForTickets(hall, now);
    if ((await tx.hallState(hall.id)).closedDay === day && this.deps.enforceHours) {
      throw new CommandError('HALL_CLOSED', 'the hall has closed for today');
    }
    let appointment: StoredAppointment | undefined;
    if (p.appointmentCode !== undefined) {
      appointment = await tx.getAppointmentByCode(hall.id, p.appointmentCode);
      if (appointment === undefined) throw notFound('appointment', p.appointmentCode);
    } else if (p.checkIn === true && p.resident !== undefined) {
      appointment = await this.residentAppointment(ctx, assertValidIdNumber(p.resident.idNumber));
    }
    if (appointment !== undefined) assertCheckIn(appointment, now, hall.hall.rules);
    const matterId = appointment?.matterId ?? p.matterId;
    const matter = matterId === undefined ? undefined : hall.matters.get(matterId);
    if (matter === undefined) throw notFound('matter', matterId ?? '');
    if (matter.dailyQuota !== null) {
      const issued = await tx.countTickets(hall.id, { serviceDay: day, matterId: matter.id });
      if (issued >= matter.dailyQuota) {
        throw new CommandError(
          'QUOTA_REACHED',
          `today's ${matter.dailyQuota} tickets for ${matter.name} are all taken`,
          {
            matterId: matter.id,
            quota: matter.dailyQuota,
          },
        );
      }
    }
    let resident = appointment?.resident ?? null;
    let residentIdHash = appointment?.residentIdHash ?? null;
    let greenSuggested = false;
    if (p.resident !== undefined) {
      const idNumber = assertValidIdNumber(p.resident.idNumber);
      resident = maskResident(idNumber, p.resident.name);
      residentIdHash = idHash(this.deps.idHashKey, idNumber);
      const birth = birthDateOf(idNumber);
      greenSuggested =
        p.green === undefined && birth !== null && ageOn(birth, day) >= hall.hall.rules.greenAge;
    }
    const seq = await tx.nextTicketSeq(hall.id, matter.ticketPrefix, day);
    const ticket = newTicket({
      id: this.deps.ids.uuid(),
      hallId: hall.id,
      serviceDay: day,
      prefix: matter.ticketPrefix,
      seq,
      number: formatTicketNumber(matter.ticketPrefix, seq),
      matterId: matter.id,
      priorityClass: appointment !== undefined ? 'appointment' : p.green !== undefined ? 'green' : 'normal',
      greenReason: p.green?.reason ?? null,
      issuedAt: now,
      appointmentId: appointment?.id ?? null,
      slotStart: appointment?.slotStart ?? null,
      resident,
    });
    await tx.insertTicket({ ...ticket, residentIdHash, deviceId: ctx.device.deviceId });
    ctx.queue?.set(ticket.id, ticket);
    ctx.index?.add(ticket);
    if (appointment !== undefined)
      await tx.updateAppointment({ ...appointment, status: 'checkedIn', ticketId: ticket.id });
    ctx.events.push({ type: 'ticket:issued', hallId: hall.id, at: now, ticket });
    const view = await this.view(ctx);
    const position = queuePosition(ticket, view);
    // An idle window in auto-call mode takes the new ticket at once; narrow windows are asked first.
    for (const w of idleWindowOrder(view.windows, hall.matters)) {
      if (w.autoCall && w.state === 'open' && isEligible(w, ticket, hall.matters)) {
        const called = await this.autoCall(ctx, w);
        if (called !== undefined) break;
      }
    }
    return { ticket, position, matterName: matter.name, greenSuggested };
  }

  /**
   * Today's appointment of the resident with this ID number: the booked one whose slot is nearest to
   * now, else a used or cancelled one so the resident hears why it cannot be checked in.
   */
  private async residentAppointment(ctx: Ctx, idNumber: string): Promise<StoredAppointment> {
    const hash = idHash(this.deps.idHashKey, idNumber);
    const from = shanghaiInstant(ctx.day, '00:00');
    const mine = (await ctx.tx.listAppointments(ctx.hall.id, from, from + 24 * 3_600_000)).filter(
      (a) => a.residentIdHash === hash,
    );
    const distance = (a: StoredAppointment) =>
      Math.max(0, a.slotStart - ctx.now, ctx.now - a.slotEnd) + (a.status === 'booked' ? 0 : 1e12);
    const best = mine.sort((a, b) => distance(a) - distance(b))[0];
    if (best === undefined) {
      throw new CommandError('NOT_FOUND', 'no appointment today for this resident', { appointment: null });
    }
    return best;
  }

  private assertOpenForTickets(hall: HallRuntime, now: number): void {
    if (!this.deps.enforceHours) return;
    const day = serviceDayOf(now);
    const open = shanghaiInstant(day, hall.hall.hours.open);
    const close = shanghaiInstant(day, hall.hall.hours.close);
    if (now < open || now >= close) {
      throw new CommandError(
        'HALL_CLOSED',
        `tickets are issued from ${hall.hall.hours.open} to ${hall.hall.hours.close}`,
        {
          open: hall.hall.hours.open,
          close: hall.hall.hours.close,
        },
      );
    }
  }

  // ---- windows and tickets inside a transaction ----

  private async windows(ctx: Ctx): Promise<Window[]> {
    ctx.windowStates ??= new Map(
      ctx.hall.mergeWindows(await ctx.tx.listWindowStates(ctx.hall.id), ctx.now).map((w) => [w.id, w]),
    );
    return [...ctx.windowStates.values()];
  }

  private async window(ctx: Ctx, windowId: string): Promise<Window> {
    const w = (await this.windows(ctx)).find((x) => x.id === windowId);
    if (w === undefined) throw notFound('window', windowId);
    return w;
  }

  private async saveWindow(ctx: Ctx, window: Window): Promise<Window> {
    await ctx.tx.saveWindowState(windowRuntimeOf(window));
    ctx.windowStates?.set(window.id, window);
    ctx.events.push({ type: 'window:updated', hallId: ctx.hall.id, at: ctx.now, window });
    return window;
  }

  private async changeWindow(ctx: Ctx, windowId: string, action: WindowAction): Promise<Window> {
    return this.saveWindow(ctx, applyWindowAction(await this.window(ctx, windowId), action));
  }

  private async ticket(ctx: Ctx, ticketId: string): Promise<Ticket> {
    const t = await ctx.tx.getTicket(ticketId);
    if (t === undefined || t.hallId !== ctx.hall.id) throw notFound('ticket', ticketId);
    return publicTicket(t);
  }

  private async atWindow(
    ctx: Ctx,
    windowId: string,
    ticketId: string,
  ): Promise<{ window: Window; ticket: Ticket }> {
    const window = await this.window(ctx, windowId);
    const ticket = await this.ticket(ctx, ticketId);
    assertAtWindow(ticket, window.id);
    return { window, ticket };
  }

  private async queued(ctx: Ctx): Promise<Ticket[]> {
    if (ctx.queue === undefined) {
      const rows = await ctx.tx.listTickets(ctx.hall.id, { serviceDay: ctx.day, statuses: QUEUED_STATUSES });
      ctx.queue = new Map(rows.map((r) => [r.id, publicTicket(r)]));
    }
    return [...ctx.queue.values()];
  }

  private async saveTicket(ctx: Ctx, ticket: Ticket): Promise<void> {
    await ctx.tx.updateTicket(ticket);
    if (isQueued(ticket) && ticket.serviceDay === ctx.day) {
      ctx.queue?.set(ticket.id, ticket);
      ctx.index?.add(ticket);
    } else {
      ctx.queue?.delete(ticket.id);
      ctx.index?.remove(ticket.id);
    }
    if (isAtWindow(ticket)) ctx.atWindow?.set(ticket.id, ticket);
    else ctx.atWindow?.delete(ticket.id);
  }

  /** Windows with the skills they have right now: AB岗 backups cover absent colleagues' matters. */
  private async effectiveWindows(ctx: Ctx): Promise<Window[]> {
    return withBackupSkills(await this.windows(ctx), ctx.hall.staff);
  }

  private async view(ctx: Ctx): Promise<QueueView> {
    const windows = await this.effectiveWindows(ctx);
    const atWindow = await this.atWindowTickets(ctx);
    const inService = new Map<string, InService>();
    for (const w of windows) {
      const t = w.currentTicketId === null ? undefined : atWindow.get(w.currentTicketId);
      if (t !== undefined)
        inService.set(w.id, { matterId: t.matterId, since: t.startedAt ?? t.calledAt ?? ctx.now });
    }
    return {
      tickets: await this.queued(ctx),
      windows,
      matters: ctx.hall.matters,
      handleMin: await this.handleMin(ctx),
      inService,
      now: ctx.now,
      callRatePerMin: await this.callRates(ctx),
      paceWeight: DEFAULT_PACE_WEIGHT,
    };
  }

  /** Today's handle time per matter: the configured default pulled towards what the day has shown. */
  private async handleMin(ctx: Ctx): Promise<Map<string, number>> {
    if (ctx.handle === undefined) {
      const observed = await ctx.tx.handleStats(ctx.hall.id, ctx.day);
      ctx.handle = new Map(
        [...ctx.hall.matters.values()].map((m) => [m.id, handleEstimate(m.avgHandleMin, observed.get(m.id))]),
      );
    }
    return ctx.handle;
  }

  /** Calls per minute of each matter over the last half hour: how fast each queue really moves. */
  private async callRates(ctx: Ctx): Promise<Map<string, number>> {
    if (ctx.pace === undefined) {
      const counts = await ctx.tx.callCounts(ctx.hall.id, ctx.now - PACE_WINDOW_MIN * 60_000);
      ctx.pace = new Map([...counts].map(([m, n]) => [m, n / PACE_WINDOW_MIN]));
    }
    return ctx.pace;
  }

  private async atWindowTickets(ctx: Ctx): Promise<Map<string, Ticket>> {
    if (ctx.atWindow === undefined) {
      const rows = await ctx.tx.listTickets(ctx.hall.id, {
        serviceDay: ctx.day,
        statuses: AT_WINDOW_STATUSES,
      });
      ctx.atWindow = new Map(rows.map((r) => [r.id, publicTicket(r)]));
    }
    return ctx.atWindow;
  }

  /** The dispatch decision: the same policy function the simulator runs. */
  private async pickNext(ctx: Ctx, window: Window): Promise<Ticket | undefined> {
    const tickets = await this.queued(ctx);
    ctx.index ??= new QueueIndex(tickets);
    const windows = await this.effectiveWindows(ctx);
    return this.deps.policy({
      window: windows.find((w) => w.id === window.id) ?? window,
      tickets,
      index: ctx.index,
      windows,
      matters: ctx.hall.matters,
      handleMin: await this.handleMin(ctx),
      now: ctx.now,
    });
  }

  private async call(ctx: Ctx, window: Window, ticket: Ticket): Promise<{ ticket: Ticket; window: Window }> {
    const taken = applyWindowAction(window, { type: 'take', at: ctx.now, ticketId: ticket.id });
    const called = applyTicketAction(ticket, {
      type: 'call',
      at: ctx.now,
      windowId: window.id,
      staffId: window.staffId,
    });
    await this.saveTicket(ctx, called);
    await this.saveWindow(ctx, taken);
    this.pushCalled(ctx, called, taken, false);
    return { ticket: called, window: taken };
  }

  /** In auto-call mode an idle window calls its next ticket; returns what it called, if anything. */
  private async autoCall(ctx: Ctx, window: Window): Promise<{ ticket: Ticket; window: Window } | undefined> {
    if (!window.autoCall || window.state !== 'open' || window.currentTicketId !== null) return undefined;
    const next = await this.pickNext(ctx, window);
    return next === undefined ? undefined : this.call(ctx, window, next);
  }

  /** The ticket leaves the window (finished, no-show, transferred); the window is free again. */
  private async endAtWindow(
    ctx: Ctx,
    p: { windowId: string; ticketId: string },
    action: TicketAction,
    change: TicketChange,
  ): Promise<CommandResult<'ticket:finish'>> {
    const { window, ticket } = await this.atWindow(ctx, p.windowId, p.ticketId);
    const updated = applyTicketAction(ticket, action);
    await this.saveTicket(ctx, updated);
    return this.leave(ctx, window, updated, change);
  }

  private async leave(
    ctx: Ctx,
    window: Window,
    ticket: Ticket,
    change: TicketChange,
  ): Promise<CommandResult<'ticket:finish'>> {
    this.pushTicket(ctx, ticket, change);
    const released = await this.saveWindow(ctx, applyWindowAction(window, { type: 'release', at: ctx.now }));
    const next = await this.autoCall(ctx, released);
    return { ticket, window: next?.window ?? released, next: next?.ticket ?? null };
  }

  private pushTicket(ctx: Ctx, ticket: Ticket, change: TicketChange): void {
    ctx.events.push({ type: 'ticket:updated', hallId: ctx.hall.id, at: ctx.now, ticket, change });
  }

  private pushCalled(ctx: Ctx, ticket: Ticket, window: Window, recall: boolean): void {
    ctx.events.push({
      type: 'ticket:called',
      hallId: ctx.hall.id,
      at: ctx.now,
      ticket,
      call: callRecord(ticket, window, recall),
    });
  }

  private async currentStats(ctx: Ctx): Promise<QueueStats> {
    return queueStats(await this.view(ctx), ctx.now);
  }

  private async statsEvent(ctx: Ctx): Promise<PendingEvent> {
    return {
      type: 'queue:stats',
      hallId: ctx.hall.id,
      at: ctx.now,
      stats: await this.currentStats(ctx),
    };
  }

  // ---- reads ----

  async snapshot(device: DeviceIdentity): Promise<HallSnapshot> {
    const hall = this.hallOf(device.hallId);
    // A transaction so that the sequence number and the content describe the same moment.
    return this.deps.store.transaction(async (tx) => {
      const now = this.deps.clock.now();
      const ctx: Ctx = { tx, hall, now, day: serviceDayOf(now), device, events: [] };
      const { lastSeq } = await tx.hallState(hall.id);
      const windows = await this.windows(ctx);
      const active = await tx.listTickets(hall.id, { serviceDay: ctx.day, statuses: ACTIVE_STATUSES });
      const finished = await tx.listTickets(hall.id, {
        serviceDay: ctx.day,
        statuses: TERMINAL_STATUSES,
        order: 'finishedDesc',
        limit: RECENT_FINISHED,
      });
      const called = await tx.listTickets(hall.id, {
        serviceDay: ctx.day,
        statuses: ['called', 'serving', 'done', 'transferred', 'noShow'],
        order: 'calledDesc',
        limit: RECENT_CALLS,
      });
      const windowById = new Map(windows.map((w) => [w.id, w]));
      const recentCalls = called.flatMap((t) => {
        const w = t.windowId === null ? undefined : windowById.get(t.windowId);
        return w === undefined || t.calledAt === null ? [] : [callRecord(t, w, t.recallCount > 0)];
      });
      const tickets = [...active, ...finished].map(publicTicket);
      return {
        hallId: hall.id,
        seq: lastSeq,
        at: now,
        serviceDay: ctx.day,
        hall: hall.hall,
        categories: [...hall.categories],
        matters: [...hall.matters.values()].map((m) => ({
          id: m.id,
          code: m.code,
          name: m.name,
          ...(m.nameEn === undefined ? {} : { nameEn: m.nameEn }),
          categoryId: m.categoryId,
          kind: m.kind,
          ticketPrefix: m.ticketPrefix,
          targetWaitMin: m.targetWaitMin,
        })),
        windows,
        staff: hall.staff.map((st) => ({ id: st.id, name: st.name, staffNo: st.staffNo ?? null })),
        tickets,
        recentCalls,
        // The same figures as every queue:stats event, so a fresh screen and a running one agree.
        stats: await this.currentStats(ctx),
        you: device,
      };
    });
  }

  /** What a phone that scanned the ticket's QR code may see: no personal data at all. */
  async publicStatus(ticketId: string) {
    return this.deps.store.transaction(async (tx) => {
      const stored = await tx.getTicket(ticketId);
      if (stored === undefined) throw notFound('ticket', ticketId);
      const hall = this.hallOf(stored.hallId);
      const now = this.deps.clock.now();
      const ticket = publicTicket(stored);
      const device: DeviceIdentity = { deviceId: 'phone', hallId: hall.id, role: 'display', windowId: null };
      const ctx: Ctx = { tx, hall, now, day: serviceDayOf(now), device, events: [] };
      const windows = await this.windows(ctx);
      // Told the same way as at issuance and on the screens.
      const position =
        isQueued(ticket) && ticket.serviceDay === ctx.day
          ? queuePosition(ticket, await this.view(ctx))
          : null;
      const pub = (w: Window | WindowDef | undefined) =>
        w === undefined ? null : { number: w.number, name: w.name };
      const window = ticket.windowId === null ? undefined : windows.find((w) => w.id === ticket.windowId);
      return {
        id: ticket.id,
        number: ticket.number,
        hallName: hall.hall.name,
        hallPhone: hall.hall.phone ?? null,
        matterName: hall.matters.get(ticket.matterId)?.name ?? ticket.matterId,
        status: ticket.status,
        issuedAt: ticket.issuedAt,
        calledAt: ticket.calledAt,
        window: pub(window),
        targetWindow:
          ticket.status === 'transferred' && ticket.targetWindowId !== null
            ? pub(hall.windowDefs.get(ticket.targetWindowId))
            : null,
        consultWindow: pub([...hall.windowDefs.values()].find((w) => w.type === 'consult')),
        position,
      };
    });
  }

  async createAppointment(hallId: string, input: AppointmentInput): Promise<Appointment> {
    const hall = this.hallOf(hallId);
    if (!hall.matters.has(input.matterId)) throw notFound('matter', input.matterId);
    if (input.slotEnd <= input.slotStart) {
      throw new CommandError('VALIDATION_FAILED', 'slotEnd must be after slotStart');
    }
    let resident = null;
    let residentIdHash = null;
    if (input.resident !== undefined) {
      const idNumber = assertValidIdNumber(input.resident.idNumber);
      resident = maskResident(idNumber, input.resident.name);
      residentIdHash = idHash(this.deps.idHashKey, idNumber);
    }
    return this.deps.store.transaction(async (tx) => {
      let code = input.code ?? this.deps.ids.code();
      if (input.code === undefined) {
        while ((await tx.getAppointmentByCode(hallId, code)) !== undefined) code = this.deps.ids.code();
      } else if ((await tx.getAppointmentByCode(hallId, code)) !== undefined) {
        throw new CommandError('VALIDATION_FAILED', `appointment code ${code} is already in use`);
      }
      const appt: StoredAppointment = {
        id: this.deps.ids.uuid(),
        hallId,
        matterId: input.matterId,
        code,
        slotStart: input.slotStart,
        slotEnd: input.slotEnd,
        resident,
        status: 'booked',
        ticketId: null,
        createdAt: this.deps.clock.now(),
        residentIdHash,
      };
      await tx.insertAppointment(appt);
      return publicAppointment(appt);
    });
  }

  async listAppointments(hallId: string, day: string): Promise<Appointment[]> {
    this.hallOf(hallId);
    const from = shanghaiInstant(day, '00:00');
    const rows = await this.deps.store.read((tx) => tx.listAppointments(hallId, from, from + 24 * 3_600_000));
    return rows.map(publicAppointment);
  }

  // ---- the day's end ----

  /**
   * Expires what is left of days gone by and, with hours enforced, closes today at closing time:
   * queued and called tickets expire with a reason; a service under way may still finish.
   */
  async tick(): Promise<void> {
    for (const hall of this.halls.values()) {
      const events = await this.deps.store.transaction(async (tx) => {
        const now = this.deps.clock.now();
        const device: DeviceIdentity = { deviceId: 'system', hallId: hall.id, role: 'admin', windowId: null };
        const ctx: Ctx = { tx, hall, now, day: serviceDayOf(now), device, events: [] };
        const stale = await tx.listTickets(hall.id, { before: ctx.day, statuses: ACTIVE_STATUSES });
        const state = await tx.hallState(hall.id);
        const closing =
          this.deps.enforceHours &&
          state.closedDay !== ctx.day &&
          now >= shanghaiInstant(ctx.day, hall.hall.hours.close);
        const today = closing
          ? await tx.listTickets(hall.id, {
              serviceDay: ctx.day,
              statuses: ['waiting', 'transferred', 'called'],
            })
          : [];
        const expiring = [...stale, ...today].map(publicTicket);
        if (expiring.length === 0 && !closing) return [];
        const expiredIds = new Set<string>();
        for (const t of expiring) {
          const reason = t.serviceDay === ctx.day ? 'dayClosed' : 'dayRollover';
          const expired = applyTicketAction(t, { type: 'expire', at: now, reason });
          await this.saveTicket(ctx, expired);
          expiredIds.add(t.id);
          this.pushTicket(ctx, expired, 'expired');
        }
        for (const w of await this.windows(ctx)) {
          let next = w;
          if (w.currentTicketId !== null && expiredIds.has(w.currentTicketId)) {
            next = applyWindowAction(next, { type: 'release', at: now });
          }
          if (closing && next.currentTicketId === null && next.state !== 'closed') {
            next = applyWindowAction(next, { type: 'close', at: now });
          }
          if (next !== w) await this.saveWindow(ctx, next);
        }
        if (closing) await tx.setClosedDay(hall.id, ctx.day);
        if (ctx.events.length > 0) ctx.events.push(await this.statsEvent(ctx));
        return tx.appendEvents(hall.id, ctx.events);
      });
      if (events.length > 0) {
        this.deps.logger.info(
          { hallId: hall.id, events: events.length },
          'day close expired unfinished tickets',
        );
        this.deps.publish(hall.id, events);
      }
    }
  }
}

function staffOf(hall: HallRuntime, staffId: string | null): StaffEntry | undefined {
  return staffId === null ? undefined : hall.staff.find((s) => s.id === staffId);
}

function hasWindowId(p: unknown): p is { windowId: string } {
  return typeof p === 'object' && p !== null && 'windowId' in p && typeof p.windowId === 'string';
}

/** Drops what only the store may know (the ID hash, the issuing device). */
export function publicTicket(
  t: Ticket & { residentIdHash?: string | null; deviceId?: string | null },
): Ticket {
  const { residentIdHash: _h, deviceId: _d, ...rest } = t;
  return rest;
}

function publicAppointment(a: StoredAppointment): Appointment {
  const { residentIdHash: _h, ...rest } = a;
  return rest;
}

function callRecord(ticket: Ticket, window: Window, recall: boolean): CallRecord {
  return {
    ticketId: ticket.id,
    number: ticket.number,
    windowId: window.id,
    windowNumber: window.number,
    at: ticket.calledAt ?? 0,
    recall,
  };
}
