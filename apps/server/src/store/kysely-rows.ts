import {
  AppointmentStatus,
  type Evaluation,
  EvaluationChannel,
  GreenReason,
  PriorityClass,
  SkillSet,
  type Ticket,
  TicketStatus,
} from '@onewindow/domain';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Database, TicketsTable } from './schema.js';
import type { StoredAppointment, StoredTicket } from './types.js';

/** Row ↔ record mapping of the hall tables, shared by every engine's transaction. */
export const WindowSkills = z.strictObject({ primary: SkillSet, secondary: SkillSet });

/** Engines may hand back 64-bit columns as strings (PostgreSQL) or numbers (SQLite). */
export const num = (v: number | string | bigint): number => Number(v);
export const numOrNull = (v: number | string | bigint | null): number | null =>
  v === null ? null : Number(v);

export function ticketFromRow(r: Selectable<TicketsTable>): StoredTicket {
  return {
    id: r.id,
    hallId: r.hall_id,
    serviceDay: r.service_day,
    prefix: r.prefix,
    seq: num(r.seq),
    number: r.number,
    matterId: r.matter_id,
    priorityClass: PriorityClass.parse(r.priority_class),
    greenReason: r.green_reason === null ? null : GreenReason.parse(r.green_reason),
    status: TicketStatus.parse(r.status),
    issuedAt: num(r.issued_at),
    calledAt: numOrNull(r.called_at),
    startedAt: numOrNull(r.started_at),
    finishedAt: numOrNull(r.finished_at),
    windowId: r.window_id,
    targetWindowId: r.target_window_id,
    staffId: r.staff_id,
    recallCount: num(r.recall_count),
    transferCount: num(r.transfer_count),
    appointmentId: r.appointment_id,
    slotStart: numOrNull(r.slot_start),
    resident:
      r.resident_id_masked === null || r.resident_name_masked === null
        ? null
        : { idMasked: r.resident_id_masked, nameMasked: r.resident_name_masked },
    note: r.note,
    endReason: r.end_reason,
    estimatedWaitMin: numOrNull(r.estimated_wait_min),
    estimateBaseMin: numOrNull(r.estimate_base_min),
    waitFromMin: numOrNull(r.wait_from_min),
    waitToMin: numOrNull(r.wait_to_min),
    residentIdHash: r.resident_id_hash,
    deviceId: r.device_id,
  };
}

/** The columns a ticket's life changes; identity and numbering never change after issue. */
export function mutableTicketColumns(t: Ticket) {
  return {
    matter_id: t.matterId,
    priority_class: t.priorityClass,
    green_reason: t.greenReason,
    status: t.status,
    called_at: t.calledAt,
    started_at: t.startedAt,
    finished_at: t.finishedAt,
    window_id: t.windowId,
    target_window_id: t.targetWindowId,
    staff_id: t.staffId,
    recall_count: t.recallCount,
    transfer_count: t.transferCount,
    note: t.note,
    end_reason: t.endReason,
  };
}

export function evaluationFromRow(r: Selectable<Database['evaluations']>): Evaluation {
  return {
    id: r.id,
    hallId: r.hall_id,
    ticketId: r.ticket_id,
    windowId: r.window_id,
    staffId: r.staff_id,
    matterId: r.matter_id,
    level: num(r.level),
    reasons: JSON.parse(r.reasons) as string[],
    comment: r.comment,
    channel: EvaluationChannel.parse(r.channel),
    at: num(r.at),
  };
}

export function appointmentFromRow(r: Selectable<Database['appointments']>): StoredAppointment {
  return {
    id: r.id,
    hallId: r.hall_id,
    matterId: r.matter_id,
    code: r.code,
    slotStart: num(r.slot_start),
    slotEnd: num(r.slot_end),
    resident:
      r.resident_id_masked === null || r.resident_name_masked === null
        ? null
        : { idMasked: r.resident_id_masked, nameMasked: r.resident_name_masked },
    status: AppointmentStatus.parse(r.status),
    ticketId: r.ticket_id,
    createdAt: num(r.created_at),
    phoneMasked: r.phone_masked,
    residentIdHash: r.resident_id_hash,
    phoneSealed: r.phone_sealed,
  };
}

/** One StoreTx over any Kysely dialect; the SQLite and PostgreSQL stores differ only in setup. */
