import type { Kysely, Transaction } from 'kysely';
import type {
  DeliveriesTable,
  IntegrationKeysTable,
  IntegrationTargetsTable,
  TicketCasesTable,
} from './schema-integrations.js';
import type { LeasesTable, NotificationsTable } from './schema-later.js';

export interface TicketsTable {
  id: string;
  hall_id: string;
  service_day: string;
  prefix: string;
  seq: number;
  number: string;
  matter_id: string;
  priority_class: string;
  green_reason: string | null;
  status: string;
  issued_at: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  window_id: string | null;
  target_window_id: string | null;
  staff_id: string | null;
  recall_count: number;
  transfer_count: number;
  appointment_id: string | null;
  slot_start: number | null;
  resident_id_hash: string | null;
  resident_id_masked: string | null;
  resident_name_masked: string | null;
  note: string | null;
  end_reason: string | null;
  /** The wait told at issue (minutes); null for tickets issued before it was kept. */
  estimated_wait_min: number | null;
  estimate_base_min: number | null;
  wait_from_min: number | null;
  wait_to_min: number | null;
  device_id: string | null;
}

export interface Database {
  hall_state: { hall_id: string; last_seq: number; closed_day: string | null; broadcast: string | null };
  events: {
    hall_id: string;
    seq: number;
    type: string;
    at: number;
    payload: string;
    /** The device behind the change, and the person (clerk at the window, console user) if any. */
    device_id: string | null;
    actor: string | null;
  };
  requests: {
    device_id: string;
    request_id: string;
    command: string;
    payload_hash: string;
    result: string;
    at: number;
  };
  ticket_counters: { hall_id: string; prefix: string; service_day: string; last_seq: number };
  tickets: TicketsTable;
  window_states: {
    id: string;
    hall_id: string;
    state: string;
    staff_id: string | null;
    current_ticket_id: string | null;
    pause_reason: string | null;
    auto_call: number;
    updated_at: number;
    /** Skills adjusted for one service day (动态调整): JSON { primary, secondary }, or null. */
    skills_day: string | null;
    skills: string | null;
  };
  appointments: {
    id: string;
    hall_id: string;
    matter_id: string;
    code: string;
    slot_start: number;
    slot_end: number;
    resident_id_hash: string | null;
    resident_id_masked: string | null;
    resident_name_masked: string | null;
    status: string;
    ticket_id: string | null;
    created_at: number;
    phone_sealed: string | null;
    phone_masked: string | null;
  };
  evaluations: {
    id: string;
    hall_id: string;
    ticket_id: string;
    window_id: string | null;
    staff_id: string | null;
    matter_id: string;
    level: number;
    reasons: string;
    comment: string | null;
    channel: string;
    at: number;
  };
  /** Case records (notices, unresolved cases, rectifications) as JSON documents checked on read. */
  cases: {
    id: string;
    hall_id: string;
    kind: string;
    ticket_id: string | null;
    at: number;
    data: string;
  };
  /** Each hall's configuration, one JSON document checked against HallConfig on every read. */
  hall_configs: { hall_id: string; version: number; doc: string; updated_at: number };
  devices: {
    id: string;
    hall_id: string;
    role: string;
    window_id: string | null;
    name: string | null;
    token_sha256: string | null;
    locale: string | null;
    created_at: number;
    paired_at: number | null;
    revoked_at: number | null;
    last_seen_at: number | null;
    last_ip: string | null;
    client_version: string | null;
  };
  pairings: { code_sha256: string; device_id: string; expires_at: number };
  staff_pins: { hall_id: string; staff_id: string; pin_hash: string; updated_at: number };
  users: {
    id: string;
    username: string;
    display_name: string;
    role: string;
    hall_id: string | null;
    password_hash: string;
    created_at: number;
    disabled: number;
  };
  sessions: { token_sha256: string; user_id: string; created_at: number; expires_at: number };
  lockouts: { key: string; failures: number; until: number };
  audit_log: {
    id: string;
    at: number;
    hall_id: string | null;
    actor: string;
    actor_name: string;
    action: string;
    target: string;
    before: string | null;
    after: string | null;
  };
  settings: { key: string; value: string };
  leases: LeasesTable;
  notifications: NotificationsTable;
  integration_keys: IntegrationKeysTable;
  integration_targets: IntegrationTargetsTable;
  deliveries: DeliveriesTable;
  ticket_cases: TicketCasesTable;
}

/** The database or one of its transactions: what the store's parts run their queries on. */
export type Db = Kysely<Database> | Transaction<Database>;
