import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { PrivacyStoreTx, PurgeCounts } from './types.js';

type Db = Kysely<Database>;

/** Fields of a case record that hold a resident's contact details. */
const CONTACT_FIELDS = ['contactName', 'contactPhone', 'contactSealed'] as const;

/** Personal data kept by the store: erased after the retention time, re-encrypted under a new key. */
export class KyselyPrivacyTx implements PrivacyStoreTx {
  constructor(private readonly db: Db) {}

  async purge(hallId: string, before: number): Promise<PurgeCounts> {
    const resident = {
      resident_id_hash: null,
      resident_id_masked: null,
      resident_name_masked: null,
    } as const;
    const tickets = await this.db
      .updateTable('tickets')
      .set(resident)
      .where('hall_id', '=', hallId)
      .where('issued_at', '<', before)
      .where((eb) =>
        eb.or([
          eb('resident_id_hash', 'is not', null),
          eb('resident_id_masked', 'is not', null),
          eb('resident_name_masked', 'is not', null),
        ]),
      )
      .executeTakeFirst();
    const appointments = await this.db
      .updateTable('appointments')
      .set({ ...resident, phone_sealed: null, phone_masked: null })
      .where('hall_id', '=', hallId)
      .where('slot_end', '<', before)
      .where((eb) =>
        eb.or([
          eb('resident_id_hash', 'is not', null),
          eb('resident_name_masked', 'is not', null),
          eb('phone_sealed', 'is not', null),
        ]),
      )
      .executeTakeFirst();
    // Messages keep what was said and when, not to whom.
    await this.db
      .updateTable('notifications')
      .set({ phone_sealed: null })
      .where('hall_id', '=', hallId)
      .where('created_at', '<', before)
      .where('status', '!=', 'pending')
      .where('phone_sealed', 'is not', null)
      .execute();
    const evaluations = await this.db
      .updateTable('evaluations')
      .set({ comment: null })
      .where('hall_id', '=', hallId)
      .where('at', '<', before)
      .where('comment', 'is not', null)
      .executeTakeFirst();
    // The hall's event log repeats tickets as they were announced; old days are not replayed.
    const events = await this.db
      .deleteFrom('events')
      .where('hall_id', '=', hallId)
      .where('at', '<', before)
      .executeTakeFirst();
    let cases = 0;
    const rows = await this.db
      .selectFrom('cases')
      .select(['id', 'data'])
      .where('hall_id', '=', hallId)
      .where('kind', '=', 'unresolved')
      .where('at', '<', before)
      .execute();
    for (const r of rows) {
      const data = JSON.parse(r.data) as Record<string, unknown>;
      if (CONTACT_FIELDS.every((f) => (data[f] ?? null) === null)) continue;
      for (const f of CONTACT_FIELDS) data[f] = null;
      await this.db
        .updateTable('cases')
        .set({ data: JSON.stringify(data) })
        .where('id', '=', r.id)
        .execute();
      cases++;
    }
    return {
      tickets: Number(tickets.numUpdatedRows),
      appointments: Number(appointments.numUpdatedRows),
      evaluations: Number(evaluations.numUpdatedRows),
      events: Number(events.numDeletedRows),
      cases,
    };
  }

  async dropRequests(before: number): Promise<number> {
    const r = await this.db.deleteFrom('requests').where('at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async rekey(retoken: (token: string) => string, reseal: (sealed: string) => string): Promise<number> {
    let n = 0;
    for (const table of ['tickets', 'appointments'] as const) {
      const rows = await this.db
        .selectFrom(table)
        .select(['id', 'resident_id_hash'])
        .where('resident_id_hash', 'is not', null)
        .execute();
      for (const r of rows) {
        await this.db
          .updateTable(table)
          .set({ resident_id_hash: retoken(r.resident_id_hash!) })
          .where('id', '=', r.id)
          .execute();
        n++;
      }
    }
    for (const table of ['appointments', 'notifications'] as const) {
      const sealed = await this.db
        .selectFrom(table)
        .select(['id', 'phone_sealed'])
        .where('phone_sealed', 'is not', null)
        .execute();
      for (const r of sealed) {
        await this.db
          .updateTable(table)
          .set({ phone_sealed: reseal(r.phone_sealed!) })
          .where('id', '=', r.id)
          .execute();
        n++;
      }
    }
    const cases = await this.db
      .selectFrom('cases')
      .select(['id', 'data'])
      .where('kind', '=', 'unresolved')
      .execute();
    for (const r of cases) {
      const data = JSON.parse(r.data) as { contactSealed?: string | null };
      if (typeof data.contactSealed !== 'string') continue;
      data.contactSealed = reseal(data.contactSealed);
      await this.db
        .updateTable('cases')
        .set({ data: JSON.stringify(data) })
        .where('id', '=', r.id)
        .execute();
      n++;
    }
    // Signing secrets of outside targets are sealed the same way.
    for (const r of await this.db
      .selectFrom('integration_targets')
      .select(['id', 'secret_sealed'])
      .execute()) {
      await this.db
        .updateTable('integration_targets')
        .set({ secret_sealed: reseal(r.secret_sealed) })
        .where('id', '=', r.id)
        .execute();
      n++;
    }
    // Replies kept for retries carry digests under the old key; they are only good for minutes anyway.
    await this.db.deleteFrom('requests').execute();
    return n;
  }
}
