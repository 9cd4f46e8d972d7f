import { createHmac } from 'node:crypto';
import type { DeliveryView } from '@onewindow/protocol';
import type { Clock, IdSource, Logger } from '../deps.js';
import { retryDelayMs } from '../notifications/outbox.js';
import { Rounds } from '../rounds.js';
import type { StoredDelivery, StoredTarget } from '../store/integration-types.js';
import type { HallStore, StoreTx } from '../store/types.js';
import { ADAPTERS, type GoodBadReport } from './adapters.js';
import { GOODBAD_EVENTS, settingsOf, type Targets } from './targets.js';

/** Tries before a delivery is dead (the console lists it and can send it again). */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** How long a claim holds: a sender that dies mid-delivery leaves it to another after this. */
const CLAIM_MS = 60_000;
/** How long one request may take. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Deliveries one round sends. */
const ROUND = 25;

export const deliveryView = ({
  body: _b,
  claimedBy: _c,
  claimedUntil: _u,
  ...d
}: StoredDelivery): DeliveryView => d;

/** The signature header: HMAC-SHA256 of "<timestamp>.<body>" under the target's secret. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface DeliveryDeps {
  store: HallStore;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  targets: Targets;
  /** This instance's name on its claims. */
  instanceId: string;
  /** How a request goes out (tests may point it elsewhere); `fetch` by default. */
  fetch?: typeof fetch;
}

/**
 * Messages to outside systems through a table: written in the transaction that causes them (a
 * rating, a call), so a restart or a crash loses none and a rolled-back command sends nothing; sent
 * by a timer, each claimed by one instance at a time, signed, retried with back-off, and dead after
 * MAX_DELIVERY_ATTEMPTS (listed in the console, sent again from there). Receivers see the same
 * Idempotency-Key on every try.
 */
export class Deliveries {
  private readonly rounds: Rounds;

  constructor(private readonly d: DeliveryDeps) {
    this.rounds = new Rounds(() => this.round(), d.logger, 'delivery round failed');
  }

  /** The enabled webhook targets that take `event`. */
  private subscribers(event: string): StoredTarget[] {
    return this.d.targets
      .current()
      .filter((t) => t.enabled && t.kind === 'webhook' && settingsOf(t).events.includes(event as never));
  }

  /** Whether any enabled target takes `event`: work that only feeds subscribers can be skipped. */
  wants(event: string): boolean {
    return this.subscribers(event).length > 0;
  }

  /** Queues `data` for every enabled target that takes `event`, in the caller's transaction. */
  async enqueue(tx: StoreTx, hallId: string, event: string, key: string, data: unknown): Promise<number> {
    let n = 0;
    for (const t of this.subscribers(event)) {
      const body = JSON.stringify({ id: `${event}:${key}`, event, hallId, at: this.d.clock.now(), data });
      if (await tx.integrations.enqueue(this.row(t, hallId, event, key, body))) n++;
    }
    return n;
  }

  /** Queues a 好差评 report for every enabled 好差评 target, in its format. */
  async report(tx: StoreTx, report: GoodBadReport, residentNameMasked: string | null): Promise<number> {
    const event = report.kind === 'evaluation' ? 'rating.submitted' : 'rating.rectified';
    if (!GOODBAD_EVENTS.includes(event)) return 0;
    const targets = this.d.targets.current().filter((t) => t.enabled && t.kind === 'goodbad');
    let n = 0;
    for (const t of targets) {
      const s = settingsOf(t);
      const adapter = ADAPTERS[s.adapter ?? 'generic-json'];
      if (adapter === undefined) continue;
      const body = JSON.stringify(adapter.body({ ...report, residentNameMasked }, s.fieldNames, s.personal));
      if (await tx.integrations.enqueue(this.row(t, report.hallId, event, report.reportId, body))) n++;
    }
    return n;
  }

  private row(t: StoredTarget, hallId: string, event: string, key: string, body: string): StoredDelivery {
    const now = this.d.clock.now();
    return {
      id: this.d.ids.uuid(),
      targetId: t.id,
      hallId,
      event,
      key: `${event}:${key}`,
      body,
      status: 'pending',
      attempts: 0,
      dueAt: now,
      claimedBy: null,
      claimedUntil: null,
      lastStatus: null,
      problem: null,
      createdAt: now,
      sentAt: null,
    };
  }

  start(intervalMs: number): void {
    this.rounds.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.rounds.stop();
  }

  /** Sends what is due now, one round at a time; returns how many were tried. */
  drain(): Promise<number> {
    return this.rounds.run();
  }

  private async round(): Promise<number> {
    await this.d.targets.refresh();
    const now = this.d.clock.now();
    const due = await this.d.store.transaction((tx) =>
      tx.integrations.claimDue(this.d.instanceId, now, now + CLAIM_MS, ROUND),
    );
    if (due.length === 0) return 0;
    const targets = new Map(this.d.targets.current().map((t) => [t.id, t]));
    await Promise.all(due.map((x) => this.deliver(x, targets.get(x.targetId))));
    return due.length;
  }

  private async deliver(x: StoredDelivery, target: StoredTarget | undefined): Promise<void> {
    const attempts = x.attempts + 1;
    let status: number | null = null;
    let problem: string | null = null;
    if (target === undefined || !target.enabled) problem = 'the target is gone or disabled';
    else {
      try {
        const at = this.d.clock.now();
        const res = await (this.d.fetch ?? fetch)(target.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'idempotency-key': x.key,
            'x-onewindow-event': x.event,
            'x-onewindow-delivery': x.id,
            'x-onewindow-signature': signature(this.d.targets.secretOf(target), at, x.body),
          },
          body: x.body,
          redirect: 'error',
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        status = res.status;
        await res.body?.cancel().catch(() => {});
        if (!res.ok) problem = `HTTP ${res.status}`;
      } catch (e) {
        problem = e instanceof Error ? e.message.slice(0, 200) : String(e);
      }
    }
    const now = this.d.clock.now();
    const sent = problem === null;
    const dead = !sent && (attempts >= MAX_DELIVERY_ATTEMPTS || target === undefined);
    if (!sent) this.d.logger.warn({ key: x.key, attempts, problem }, 'delivery to an outside system failed');
    await this.d.store.transaction((tx) =>
      tx.integrations.settle(x.id, this.d.instanceId, {
        status: sent ? 'sent' : dead ? 'dead' : 'pending',
        attempts,
        dueAt: sent || dead ? x.dueAt : now + retryDelayMs(attempts),
        lastStatus: status,
        problem,
        sentAt: sent ? now : null,
      }),
    );
  }

  async list(q: { targetId?: string; status?: StoredDelivery['status'] }): Promise<DeliveryView[]> {
    return (await this.d.store.read((tx) => tx.integrations.listDeliveries({ ...q, limit: 200 }))).map(
      deliveryView,
    );
  }

  resend(id: string): Promise<boolean> {
    return this.d.store.transaction((tx) => tx.integrations.resend(id, this.d.clock.now()));
  }
}
