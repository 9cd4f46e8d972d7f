import type {
  Appointment,
  Evaluation,
  ServiceDay,
  SkillSet,
  Ticket,
  TicketStatus,
  Window,
  WindowDef,
} from '@onewindow/domain';
import { Notice, Rectification, UnresolvedCase } from '@onewindow/domain';
import type { Broadcast, HallEvent, PendingEvent } from '@onewindow/protocol';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AdminStoreTx } from './admin-types.js';
import type { IntegrationStoreTx } from './integration-types.js';
import type { Database } from './schema.js';

/** The kinds of case record and the schema each is checked against when read back. */
export const caseSchemas = {
  notice: Notice,
  unresolved: UnresolvedCase,
  rectification: Rectification,
} as const;
export type CaseKind = keyof typeof caseSchemas;
export type CaseOf<K extends CaseKind> = z.infer<(typeof caseSchemas)[K]>;

/** A ticket as stored: the public ticket plus the keyed hash of the resident's ID number. */
export interface StoredTicket extends Ticket {
  residentIdHash: string | null;
  deviceId: string | null;
}

export interface StoredAppointment extends Appointment {
  residentIdHash: string | null;
  /** The contact number, sealed under the personal-data key. */
  phoneSealed: string | null;
}

/** A message to a resident in the outbox. */
export interface StoredNotification {
  id: string;
  hallId: string;
  key: string;
  kind: string;
  phoneSealed: string | null;
  text: string;
  dueAt: number;
  status: 'pending' | 'sent' | 'failed' | 'withdrawn';
  attempts: number;
  problem: string | null;
  sentAt: number | null;
  createdAt: number;
}

/** Public booking (预约) and the notifications outbox. */
export interface BookingStoreTx {
  /** Held until the transaction ends: one booking at a time takes places of one slot (several writers). */
  lockSlot(hallId: string, matterId: string, slotStart: number): Promise<void>;
  /** Places taken (booked or checked in) per slot start of a matter in [from, to). */
  takenPlaces(hallId: string, matterId: string, from: number, to: number): Promise<Map<number, number>>;
  /** A resident's appointments (any hall) with slots in [from, to). */
  residentAppointments(residentIdHash: string, from: number, to: number): Promise<StoredAppointment[]>;
  getAppointment(id: string): Promise<StoredAppointment | undefined>;
  /** Moves an appointment to another slot. */
  moveAppointment(id: string, slotStart: number, slotEnd: number): Promise<void>;
  /** Booked appointments whose check-in closed before `closedBefore` (slot end + grace, per hall). */
  overdueBooked(hallId: string, slotEndBefore: number): Promise<StoredAppointment[]>;
  /** Inserts a message unless one with its key exists; true when inserted. */
  enqueue(n: StoredNotification): Promise<boolean>;
  /** A pending message that should no longer go out (status withdrawn). */
  withdraw(hallId: string, key: string): Promise<void>;
  /** Pending messages due by `now`, oldest first. */
  dueNotifications(now: number, limit: number): Promise<StoredNotification[]>;
  updateNotification(
    n: Pick<StoredNotification, 'id' | 'status' | 'attempts' | 'problem' | 'sentAt' | 'dueAt'>,
  ): Promise<void>;
  listNotifications(hallId: string, from: number, to: number): Promise<StoredNotification[]>;
}

/** The first successful answer to a request id, replayed on retries. */
export interface StoredRequest {
  deviceId: string;
  requestId: string;
  command: string;
  payloadHash: string;
  result: unknown;
  at: number;
}

export interface TicketQuery {
  statuses?: readonly TicketStatus[];
  serviceDay?: ServiceDay;
  /** Days strictly before this one (for closing days the server slept through). */
  before?: ServiceDay;
  /** This day and the days after it. */
  since?: ServiceDay;
  matterId?: string;
  /** Tickets of one resident (by ID token). */
  residentIdHash?: string;
  /** Newest finished first, at most this many. */
  limit?: number;
  order?: 'queue' | 'finishedDesc' | 'calledDesc';
}

/** A day's finished visits of one matter: how many, and their handle time in all (ms). */
export interface HandleTotals {
  count: number;
  totalMs: number;
}

/** One finished visit's matter and length in minutes. */
export interface VisitLength {
  matterId: string;
  minutes: number;
}

export interface CallEntry {
  ticketId: string;
  matterId: string;
  calledAt: number;
}

export interface HallState {
  hallId: string;
  lastSeq: number;
  /** The last service day whose close has run. */
  closedDay: ServiceDay | null;
  /** The line the console asked every display to show, if any. */
  broadcast: Broadcast | null;
}

/** Runtime state of a window; its definition comes from the hall configuration. */
export type WindowRuntime = Omit<Window, keyof WindowDef | 'hallId'> & {
  id: string;
  hallId: string;
  /** Skills adjusted for one service day (动态调整), replacing the configured ones that day. */
  skillsDay: string | null;
  skills: { primary: SkillSet; secondary: SkillSet } | null;
};

/**
 * Everything the hall server reads and writes inside one transaction. SQLite implements it today and
 * PostgreSQL later, so nothing here may assume one engine.
 */
/** What a purge erased: rows changed per kind of record. */
export interface PurgeCounts {
  tickets: number;
  appointments: number;
  evaluations: number;
  events: number;
  cases: number;
}

/** Personal data at rest: erased after its time, re-encrypted when the key changes. */
export interface PrivacyStoreTx {
  /** Erases a hall's personal data recorded before `before`; the records stay, for statistics. */
  purge(hallId: string, before: number): Promise<PurgeCounts>;
  /** Replies kept for retried requests, older than `before` (any hall). */
  dropRequests(before: number): Promise<number>;
  /** Rewrites every ID token and sealed text; returns how many. */
  rekey(retoken: (token: string) => string, reseal: (sealed: string) => string): Promise<number>;
}

/** Who made a change: the device, and the clerk at its window or the person at the console. */
export interface EventActor {
  deviceId: string;
  actor: string | null;
}

export interface StoreTx {
  /** The console's records (configuration, devices, people, audit log). */
  readonly admin: AdminStoreTx;
  readonly privacy: PrivacyStoreTx;
  readonly booking: BookingStoreTx;
  /** Outside systems: integration keys, event targets, the deliveries outbox, attached cases. */
  readonly integrations: IntegrationStoreTx;
  hallState(hallId: string): Promise<HallState>;
  /**
   * The hall's row, held until the transaction ends, so that one server instance at a time changes
   * the hall (PostgreSQL: SELECT … FOR UPDATE; SQLite has one writer anyway).
   */
  lockHall(hallId: string): Promise<HallState>;
  setClosedDay(hallId: string, day: ServiceDay): Promise<void>;
  setBroadcast(hallId: string, broadcast: Broadcast | null): Promise<void>;
  /** Numbers and stores a command's events, with the device and person behind them (the audit trail). */
  appendEvents(hallId: string, events: readonly PendingEvent[], by?: EventActor): Promise<HallEvent[]>;
  eventsSince(hallId: string, afterSeq: number, limit: number): Promise<HallEvent[]>;
  /** The ticket and window events of [from, to), in `seq` order (statistics). */
  eventsBetween(hallId: string, from: number, to: number): Promise<HallEvent[]>;

  /**
   * Takes or renews the named lease for `holder` until `now + ttlMs`; false while another holder's
   * lease runs (timers run on one instance of a deployment).
   */
  takeLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean>;

  getRequest(deviceId: string, requestId: string): Promise<StoredRequest | undefined>;
  putRequest(request: StoredRequest): Promise<void>;

  nextTicketSeq(hallId: string, prefix: string, day: ServiceDay): Promise<number>;
  insertTicket(ticket: StoredTicket): Promise<void>;
  updateTicket(ticket: Ticket): Promise<void>;
  getTicket(id: string): Promise<StoredTicket | undefined>;
  listTickets(hallId: string, query: TicketQuery): Promise<StoredTicket[]>;
  countTickets(hallId: string, query: TicketQuery): Promise<number>;
  /** Count and total handle time (ms, from start or call to finish) of a day's finished tickets per matter. */
  handleTotals(hallId: string, day: ServiceDay): Promise<Map<string, HandleTotals>>;
  /**
   * Lengths of the finished visits (from start, or call, to finish) of `from` and the days after, the
   * latest `limit` of them, oldest first: what a visit under way is measured against.
   */
  visitLengths(hallId: string, from: ServiceDay, limit: number): Promise<VisitLength[]>;
  /** The longest wait to a call (`waitToCallMs`) among a day's tickets, in ms; 0 when none was called. */
  longestWaitToCall(hallId: string, day: ServiceDay): Promise<number>;
  /** Tickets whose last call was at or after an instant, oldest call first, with their current matter. */
  callsSince(hallId: string, since: number): Promise<CallEntry[]>;

  listWindowStates(hallId: string): Promise<WindowRuntime[]>;
  saveWindowState(state: WindowRuntime): Promise<void>;

  insertAppointment(appt: StoredAppointment): Promise<void>;
  updateAppointment(appt: Appointment): Promise<void>;
  getAppointmentByCode(hallId: string, code: string): Promise<StoredAppointment | undefined>;
  listAppointments(hallId: string, from: number, to: number): Promise<StoredAppointment[]>;

  insertEvaluation(evaluation: Evaluation): Promise<void>;
  getEvaluationByTicket(ticketId: string): Promise<Evaluation | undefined>;
  /** Evaluations made in [from, to). */
  listEvaluations(hallId: string, from: number, to: number): Promise<Evaluation[]>;

  insertCase<K extends CaseKind>(kind: K, record: CaseOf<K>): Promise<void>;
  updateCase<K extends CaseKind>(kind: K, record: CaseOf<K>): Promise<void>;
  getCase<K extends CaseKind>(kind: K, id: string): Promise<CaseOf<K> | undefined>;
  /** Records of a kind made in [from, to), oldest first. */
  listCases<K extends CaseKind>(kind: K, hallId: string, from: number, to: number): Promise<CaseOf<K>[]>;
}

export interface TransactionHooks {
  /**
   * Called once the transaction's work is done and only its commit is pending; a caller may let the
   * next command of the same hall start then (it runs after this one in the store, and fails with it).
   */
  afterWork?: () => void;
}

export interface HallStore {
  /** The database as Kysely sees it, for whole-table work (export and import); not for commands. */
  readonly db: Kysely<Database>;
  /**
   * Several server instances may write to this store at once (PostgreSQL): what one instance holds in
   * memory must be caught up with what the others appended.
   */
  readonly shared?: boolean;
  /**
   * Runs `fn` while no other instance runs work of the same name (start-up: migrate and seed exactly
   * once). One process at a time anyway on SQLite.
   */
  serialized?<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Creates or upgrades the schema; safe to run at every start. */
  migrate(): Promise<void>;
  /**
   * Runs `fn` atomically: all of its writes land together, or none do; resolves once they are durable.
   * A store may commit several transactions together (SQLite: one fsync for the commands of one turn).
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>, hooks?: TransactionHooks): Promise<T>;
  /** Reads outside a command (HTTP, snapshots); sees only committed data. */
  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** An online copy of the whole database into a file (SQLite); absent where the engine has its own tools. */
  backup?(file: string): Promise<void>;
  close(): Promise<void>;
}
