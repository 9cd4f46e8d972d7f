import {
  type AppointmentStatus,
  type Evaluation,
  PauseReason,
  type Ticket,
  WindowState,
} from '@onewindow/domain';
import { Broadcast, type HallEvent, type PendingEvent } from '@onewindow/protocol';
import type { Selectable } from 'kysely';
import { HotSql, type Placeholders } from './hot-sql.js';
import { KyselyAdminTx } from './kysely-admin.js';
import * as appointments from './kysely-appointments.js';
import { KyselyBookingTx } from './kysely-booking.js';
import * as casework from './kysely-casework.js';
import * as eventLog from './kysely-events.js';
import { KyselyIntegrationsTx } from './kysely-integrations.js';
import { KyselyPrivacyTx } from './kysely-privacy.js';
import { mutableTicketColumns, num, ticketFromRow, WindowSkills } from './kysely-rows.js';
import * as ticketReads from './kysely-ticket-reads.js';
import type { Database, Db, TicketsTable } from './schema.js';
import type {
  CallEntry,
  CaseKind,
  CaseOf,
  EventActor,
  HallState,
  HandleTotals,
  StoredAppointment,
  StoredRequest,
  StoredTicket,
  StoreTx,
  TicketQuery,
  VisitLength,
  WindowRuntime,
} from './types.js';

export type { Db } from './schema.js';

export class KyselyStoreTx implements StoreTx {
  readonly admin: KyselyAdminTx;
  readonly privacy: KyselyPrivacyTx;
  readonly booking: KyselyBookingTx;
  readonly integrations: KyselyIntegrationsTx;
  /** The statements of every command, written out (see HotSql). */
  private readonly hot: HotSql;

  constructor(
    private readonly db: Db,
    placeholders: Placeholders = 'question',
    /** Whether lockHall must take a row lock (PostgreSQL, several writers); SQLite has one writer. */
    private readonly rowLocks = false,
  ) {
    this.admin = new KyselyAdminTx(db);
    this.privacy = new KyselyPrivacyTx(db);
    this.booking = new KyselyBookingTx(db, rowLocks);
    this.integrations = new KyselyIntegrationsTx(db);
    this.hot = new HotSql(db, placeholders);
  }

  async hallState(hallId: string): Promise<HallState> {
    let r = await this.hot.first<Selectable<Database['hall_state']>>(
      'select * from "hall_state" where "hall_id" = ?',
      [hallId],
    );
    if (r === undefined) {
      // A hall's row is made the first time it is read; every later read finds it.
      await this.db
        .insertInto('hall_state')
        .values({ hall_id: hallId, last_seq: 0, closed_day: null, broadcast: null })
        .onConflict((oc) => oc.column('hall_id').doNothing())
        .execute();
      r = await this.db
        .selectFrom('hall_state')
        .selectAll()
        .where('hall_id', '=', hallId)
        .executeTakeFirstOrThrow();
    }
    return hallStateOf(r);
  }

  async lockHall(hallId: string): Promise<HallState> {
    // SQLite runs one write transaction at a time: reading the row is holding it.
    if (!this.rowLocks) return this.hallState(hallId);
    const held = () =>
      this.hot.first<Selectable<Database['hall_state']>>(
        'select * from "hall_state" where "hall_id" = ? for update',
        [hallId],
      );
    let r = await held();
    if (r === undefined) {
      await this.hallState(hallId);
      r = await held();
    }
    if (r === undefined) throw new Error(`hall ${hallId} has no state row`);
    return hallStateOf(r);
  }

  async setBroadcast(hallId: string, broadcast: Broadcast | null): Promise<void> {
    await this.hallState(hallId);
    await this.db
      .updateTable('hall_state')
      .set({ broadcast: broadcast === null ? null : JSON.stringify(broadcast) })
      .where('hall_id', '=', hallId)
      .execute();
  }

  async setClosedDay(hallId: string, day: string): Promise<void> {
    await this.hallState(hallId);
    await this.db.updateTable('hall_state').set({ closed_day: day }).where('hall_id', '=', hallId).execute();
  }

  async appendEvents(hallId: string, events: readonly PendingEvent[], by?: EventActor): Promise<HallEvent[]> {
    if (events.length === 0) return [];
    const bump = () =>
      this.hot.first<{ last_seq: number | string }>(
        'update "hall_state" set "last_seq" = "last_seq" + ? where "hall_id" = ? returning "last_seq"',
        [events.length, hallId],
      );
    let r = await bump();
    if (r === undefined) {
      await this.hallState(hallId);
      r = await bump();
    }
    const first = num(r?.last_seq ?? 0) - events.length + 1;
    // The events are built by typed code from checked state; they are checked again when read back.
    const stored = events.map((e, i) => ({ ...e, seq: first + i }) as HallEvent);
    for (const e of stored)
      await this.hot.insert('events', {
        hall_id: hallId,
        seq: e.seq,
        type: e.type,
        at: e.at,
        payload: JSON.stringify(e),
        device_id: by?.deviceId ?? null,
        actor: by?.actor ?? null,
      });
    return stored;
  }

  eventsSince(hallId: string, afterSeq: number, limit: number): Promise<HallEvent[]> {
    return eventLog.eventsSince(this.db, hallId, afterSeq, limit);
  }

  eventsBetween(hallId: string, from: number, to: number): Promise<HallEvent[]> {
    return eventLog.eventsBetween(this.db, hallId, from, to);
  }

  async takeLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    const r = await this.hot.first<{ holder: string }>(
      `insert into "leases" ("name", "holder", "until") values (?, ?, ?)
       on conflict ("name") do update set "holder" = excluded."holder", "until" = excluded."until"
       where "leases"."holder" = excluded."holder" or "leases"."until" < ?
       returning "holder"`,
      [name, holder, now + ttlMs, now],
    );
    return r?.holder === holder;
  }

  async getRequest(deviceId: string, requestId: string): Promise<StoredRequest | undefined> {
    const r = await this.hot.first<Selectable<Database['requests']>>(
      'select * from "requests" where "device_id" = ? and "request_id" = ?',
      [deviceId, requestId],
    );
    if (r === undefined) return undefined;
    return {
      deviceId: r.device_id,
      requestId: r.request_id,
      command: r.command,
      payloadHash: r.payload_hash,
      result: JSON.parse(r.result) as unknown,
      at: num(r.at),
    };
  }

  async putRequest(q: StoredRequest): Promise<void> {
    await this.hot.insert('requests', {
      device_id: q.deviceId,
      request_id: q.requestId,
      command: q.command,
      payload_hash: q.payloadHash,
      result: JSON.stringify(q.result),
      at: q.at,
    });
  }

  async nextTicketSeq(hallId: string, prefix: string, day: string): Promise<number> {
    const r = await this.hot.first<{ last_seq: number | string }>(
      `insert into "ticket_counters" ("hall_id", "prefix", "service_day", "last_seq") values (?, ?, ?, 1)
       on conflict ("hall_id", "prefix", "service_day") do update set "last_seq" = "ticket_counters"."last_seq" + 1
       returning "last_seq"`,
      [hallId, prefix, day],
    );
    return num(r?.last_seq ?? 0);
  }

  async insertTicket(t: StoredTicket): Promise<void> {
    await this.hot.insert('tickets', {
      id: t.id,
      hall_id: t.hallId,
      service_day: t.serviceDay,
      prefix: t.prefix,
      seq: t.seq,
      number: t.number,
      issued_at: t.issuedAt,
      appointment_id: t.appointmentId,
      slot_start: t.slotStart,
      resident_id_hash: t.residentIdHash,
      resident_id_masked: t.resident?.idMasked ?? null,
      resident_name_masked: t.resident?.nameMasked ?? null,
      device_id: t.deviceId,
      estimated_wait_min: t.estimatedWaitMin,
      estimate_base_min: t.estimateBaseMin,
      wait_from_min: t.waitFromMin,
      wait_to_min: t.waitToMin,
      ...mutableTicketColumns(t),
    });
  }

  async updateTicket(t: Ticket): Promise<void> {
    await this.hot.update('tickets', mutableTicketColumns(t), 'id', t.id);
  }

  async getTicket(id: string): Promise<StoredTicket | undefined> {
    const r = await this.hot.first<Selectable<TicketsTable>>('select * from "tickets" where "id" = ?', [id]);
    return r === undefined ? undefined : ticketFromRow(r);
  }

  listTickets(hallId: string, q: TicketQuery): Promise<StoredTicket[]> {
    return ticketReads.listTickets(this.db, hallId, q);
  }

  countTickets(hallId: string, q: TicketQuery): Promise<number> {
    return ticketReads.countTickets(this.db, hallId, q);
  }

  handleTotals(hallId: string, day: string): Promise<Map<string, HandleTotals>> {
    return ticketReads.handleTotals(this.db, hallId, day);
  }

  visitLengths(hallId: string, from: string, limit: number): Promise<VisitLength[]> {
    return ticketReads.visitLengths(this.db, hallId, from, limit);
  }

  longestWaitToCall(hallId: string, day: string): Promise<number> {
    return ticketReads.longestWaitToCall(this.db, hallId, day);
  }

  callsSince(hallId: string, since: number): Promise<CallEntry[]> {
    return ticketReads.callsSince(this.db, hallId, since);
  }

  async listWindowStates(hallId: string): Promise<WindowRuntime[]> {
    const rows = await this.db
      .selectFrom('window_states')
      .selectAll()
      .where('hall_id', '=', hallId)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      hallId: r.hall_id,
      state: WindowState.parse(r.state),
      staffId: r.staff_id,
      currentTicketId: r.current_ticket_id,
      pauseReason: r.pause_reason === null ? null : PauseReason.parse(r.pause_reason),
      autoCall: num(r.auto_call) === 1,
      updatedAt: num(r.updated_at),
      adjustedDay: r.skills_day,
      skillsDay: r.skills_day,
      skills: r.skills === null ? null : WindowSkills.parse(JSON.parse(r.skills)),
    }));
  }

  async saveWindowState(s: WindowRuntime): Promise<void> {
    const values = {
      hall_id: s.hallId,
      state: s.state,
      staff_id: s.staffId,
      current_ticket_id: s.currentTicketId,
      pause_reason: s.pauseReason,
      auto_call: s.autoCall ? 1 : 0,
      updated_at: s.updatedAt,
      skills_day: s.skillsDay,
      skills: s.skills === null ? null : JSON.stringify(s.skills),
    };
    await this.hot.insert('window_states', { id: s.id, ...values }, 'id');
  }

  insertAppointment(a: StoredAppointment): Promise<void> {
    return appointments.insertAppointment(this.db, a);
  }

  updateAppointment(a: { id: string; status: AppointmentStatus; ticketId: string | null }): Promise<void> {
    return appointments.updateAppointment(this.db, a);
  }

  getAppointmentByCode(hallId: string, code: string): Promise<StoredAppointment | undefined> {
    return appointments.getAppointmentByCode(this.db, hallId, code);
  }

  listAppointments(hallId: string, from: number, to: number): Promise<StoredAppointment[]> {
    return appointments.listAppointments(this.db, hallId, from, to);
  }

  insertEvaluation(e: Evaluation): Promise<void> {
    return casework.insertEvaluation(this.db, e);
  }

  getEvaluationByTicket(ticketId: string): Promise<Evaluation | undefined> {
    return casework.getEvaluationByTicket(this.db, ticketId);
  }

  listEvaluations(hallId: string, from: number, to: number): Promise<Evaluation[]> {
    return casework.listEvaluations(this.db, hallId, from, to);
  }

  insertCase<K extends CaseKind>(kind: K, record: CaseOf<K>): Promise<void> {
    return casework.insertCase(this.db, kind, record);
  }

  updateCase<K extends CaseKind>(kind: K, record: CaseOf<K>): Promise<void> {
    return casework.updateCase(this.db, kind, record);
  }

  getCase<K extends CaseKind>(kind: K, id: string): Promise<CaseOf<K> | undefined> {
    return casework.getCase(this.db, kind, id);
  }

  listCases<K extends CaseKind>(kind: K, hallId: string, from: number, to: number): Promise<CaseOf<K>[]> {
    return casework.listCases(this.db, kind, hallId, from, to);
  }
}

function hallStateOf(r: Selectable<Database['hall_state']>): HallState {
  return {
    hallId: r.hall_id,
    lastSeq: num(r.last_seq),
    closedDay: r.closed_day,
    broadcast: r.broadcast === null ? null : Broadcast.parse(JSON.parse(r.broadcast)),
  };
}
