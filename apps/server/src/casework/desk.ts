import {
  addUnresolvedStep,
  assignRectification,
  assignUnresolved,
  type CaseAssignee,
  closeUnresolved,
  type HolidayCalendar,
  isOverdue,
  isWorkingDay,
  type Rectification,
  recordRectification,
  recordReturnVisit,
  serviceDayOf,
  type UnresolvedCase,
} from '@onewindow/domain';
import type { Person } from '@onewindow/protocol';
import type { Accounts } from '../admin/accounts.js';
import { actorOf, mayWrite } from '../admin/accounts.js';
import type { ConfigService } from '../admin/config-service.js';
import { CommandError, notFound } from '../errors.js';
import type { Notifier } from '../notify.js';
import type { PersonalDataKeys } from '../privacy.js';
import type { HallRegistry } from '../registry.js';
import type { CaseKind, CaseOf, HallStore, StoreTx } from '../store/types.js';

export interface CaseDeskDeps {
  store: HallStore;
  halls: HallRegistry;
  accounts: Accounts;
  config: ConfigService;
  personalData: PersonalDataKeys;
  notifier: Notifier;
  calendar: HolidayCalendar;
  now: () => number;
  /** A bad review's rectification closed: reported upward in the same transaction. */
  rectified?: (tx: StoreTx, r: Rectification) => Promise<void>;
}

export type RectificationView = Rectification & { overdue: boolean };
/** A 办不成事 case as the console shows it: the sealed contact never leaves the server. */
export type UnresolvedView = Omit<UnresolvedCase, 'contactSealed'> & { hasContact: boolean };

export type CaseFilter = 'all' | 'active' | 'overdue' | 'closed';
const EVER = Number.MAX_SAFE_INTEGER;

const notAssignee = () =>
  new CommandError('FORBIDDEN', 'only the person the case is assigned to records its follow-up');

/**
 * The closed loops of the console: 差评整改 (assign → rectify → 回访 → close or reopen) and 办不成事
 * follow-up (assign → steps → notify → close). Every step runs in one transaction holding the hall,
 * is written to the audit log, and is refused with a code when the case is not in a state for it.
 */
export class CaseDesk {
  constructor(private readonly d: CaseDeskDeps) {}

  private today(): string {
    return serviceDayOf(this.d.now());
  }

  rectificationView(r: Rectification): RectificationView {
    return { ...r, overdue: isOverdue(r, this.today()) };
  }

  unresolvedView(c: UnresolvedCase): UnresolvedView {
    const { contactSealed, ...rest } = c;
    return { ...rest, hasContact: contactSealed !== null };
  }

  async rectifications(hallId: string, filter: CaseFilter): Promise<RectificationView[]> {
    const all = await this.d.store.read((tx) => tx.listCases('rectification', hallId, 0, EVER));
    return all
      .map((r) => this.rectificationView(r))
      .filter((r) =>
        filter === 'all'
          ? true
          : filter === 'closed'
            ? r.status === 'closed'
            : filter === 'overdue'
              ? r.overdue
              : r.status !== 'closed',
      )
      .reverse();
  }

  async unresolved(hallId: string, filter: CaseFilter): Promise<UnresolvedView[]> {
    const all = await this.d.store.read((tx) => tx.listCases('unresolved', hallId, 0, EVER));
    return all
      .filter((c) =>
        filter === 'closed'
          ? c.status === 'closed'
          : filter === 'all'
            ? true
            : c.status === 'open' || c.status === 'assigned',
      )
      .map((c) => this.unresolvedView(c))
      .reverse();
  }

  /** People of the console who may take a case of this hall. */
  async assignees(hallId: string): Promise<CaseAssignee[]> {
    return (await this.d.accounts.list())
      .filter((p) => !p.disabled && mayWrite(p, hallId, this.d.halls))
      .map((p) => ({ id: p.id, name: p.displayName }));
  }

  private async checkAssignee(hallId: string, a: CaseAssignee): Promise<CaseAssignee> {
    const found = (await this.assignees(hallId)).find((x) => x.id === a.id);
    if (found === undefined)
      throw new CommandError('VALIDATION_FAILED', 'assign the case to a person who works for this hall', {
        issues: [{ path: 'assignee.id', message: 'not a person of this hall' }],
      });
    return found;
  }

  /** One step of a case: read, change, write back and audit, with the hall held. */
  private async step<K extends Exclude<CaseKind, 'notice'>>(
    kind: K,
    hallId: string,
    caseId: string,
    p: Person,
    action: string,
    change: (record: CaseOf<K>, tx: StoreTx) => CaseOf<K> | Promise<CaseOf<K>>,
  ): Promise<CaseOf<K>> {
    return this.d.store.transaction(async (tx) => {
      await tx.lockHall(hallId);
      const record = await tx.getCase(kind, caseId);
      if (record === undefined || record.hallId !== hallId) throw notFound('case', caseId);
      const next = await change(record, tx);
      await tx.updateCase(kind, next);
      await this.d.config.audit(tx, actorOf(p), hallId, `${kind}.${action}`, `case:${caseId}`, null, {
        status: next.status,
      });
      return next;
    });
  }

  async assignRectification(
    hallId: string,
    id: string,
    to: CaseAssignee,
    p: Person,
  ): Promise<RectificationView> {
    const who = await this.checkAssignee(hallId, to);
    const r = await this.step('rectification', hallId, id, p, 'assign', (r) =>
      assignRectification(r, who, actorOf(p), this.d.now()),
    );
    return this.rectificationView(r);
  }

  async rectify(
    hallId: string,
    id: string,
    input: { cause: string; measures: string },
    p: Person,
  ): Promise<RectificationView> {
    const r = await this.step('rectification', hallId, id, p, 'rectify', (r) => {
      if (r.assignee !== null && r.assignee.id !== p.id) throw notAssignee();
      return recordRectification(r, input, actorOf(p), this.d.now());
    });
    return this.rectificationView(r);
  }

  async returnVisit(
    hallId: string,
    id: string,
    input: { satisfied: boolean; answer: string },
    p: Person,
  ): Promise<RectificationView> {
    const r = await this.step('rectification', hallId, id, p, 'visit', async (r, tx) => {
      const next = recordReturnVisit(
        r,
        input,
        actorOf(p),
        this.d.now(),
        this.today(),
        isWorkingDay(this.d.calendar),
      );
      // Closed after a satisfied return visit: the provincial 好差评 platform hears the rectification.
      if (next.status === 'closed' && r.status !== 'closed') await this.d.rectified?.(tx, next);
      return next;
    });
    return this.rectificationView(r);
  }

  async assignUnresolved(hallId: string, id: string, to: CaseAssignee, p: Person): Promise<UnresolvedView> {
    const who = await this.checkAssignee(hallId, to);
    const c = await this.step('unresolved', hallId, id, p, 'assign', (c) =>
      assignUnresolved(c, who, actorOf(p), this.d.now()),
    );
    return this.unresolvedView(c);
  }

  private mine(c: UnresolvedCase, p: Person): void {
    if (c.assignee?.id !== p.id) throw notAssignee();
  }

  async addStep(hallId: string, id: string, note: string, p: Person): Promise<UnresolvedView> {
    const c = await this.step('unresolved', hallId, id, p, 'step', (c) => {
      this.mine(c, p);
      return addUnresolvedStep(c, note, actorOf(p), this.d.now());
    });
    return this.unresolvedView(c);
  }

  async close(hallId: string, id: string, outcome: string, p: Person): Promise<UnresolvedView> {
    const c = await this.step('unresolved', hallId, id, p, 'close', (c) => {
      this.mine(c, p);
      return closeUnresolved(c, outcome, actorOf(p), this.d.now());
    });
    return this.unresolvedView(c);
  }

  /** The whole contact, for the assigned person only; each look is audited. */
  async contact(
    hallId: string,
    id: string,
    p: Person,
  ): Promise<{ name: string | null; phone: string | null }> {
    const c = await this.d.store.read((tx) => tx.getCase('unresolved', id));
    if (c === undefined || c.hallId !== hallId) throw notFound('case', id);
    this.mine(c, p);
    const opened = c.contactSealed === null ? undefined : this.d.personalData.open(c.contactSealed);
    if (opened === undefined)
      throw new CommandError('NOT_FOUND', 'this case has no contact (or it was erased)');
    await this.d.store.transaction((tx) =>
      this.d.config.audit(tx, actorOf(p), hallId, 'case.contactViewed', `case:${id}`, null, null),
    );
    return JSON.parse(opened) as { name: string | null; phone: string | null };
  }

  /**
   * Tells the resident (SMS gateway or the log driver) and records what was sent and whether it
   * arrived. The message goes out after the case is read and before it is written, so a failed
   * delivery is recorded too and may be tried again.
   */
  async notify(hallId: string, id: string, text: string, p: Person): Promise<UnresolvedView> {
    const contact = await this.contact(hallId, id, p);
    if (contact.phone === null)
      throw new CommandError('NOT_FOUND', 'this case has no phone number to notify');
    const sent = await this.d.notifier.send({
      phone: contact.phone,
      name: contact.name,
      text,
      hallName: this.d.halls.get(hallId).hall.name,
      ref: id,
      kind: 'case',
    });
    const c = await this.step('unresolved', hallId, id, p, 'notify', (c) => {
      if (c.notifications.length >= 20)
        throw new CommandError('VALIDATION_FAILED', 'at most 20 messages a case');
      return {
        ...c,
        notifications: [
          ...c.notifications,
          { at: this.d.now(), channel: sent.channel, text, delivered: sent.delivered, problem: sent.problem },
        ],
      };
    });
    return this.unresolvedView(c);
  }
}
