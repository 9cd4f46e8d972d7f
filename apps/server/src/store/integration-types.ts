/** What outside systems may do with an integration key. */
export const INTEGRATION_SCOPES = ['queue:read', 'case:attach', 'rating:request', 'stats:read'] as const;
export type IntegrationScope = (typeof INTEGRATION_SCOPES)[number];

export interface StoredIntegrationKey {
  id: string;
  name: string;
  secretHash: string;
  scopes: IntegrationScope[];
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export type TargetKind = 'goodbad' | 'webhook';

export interface StoredTarget {
  id: string;
  kind: TargetKind;
  name: string;
  url: string;
  secretSealed: string;
  /** Webhook: `{ events }`; 好差评: `{ adapter, mapping }` (see integrations/targets.ts). */
  settings: Record<string, unknown>;
  enabled: boolean;
  createdAt: number;
}

export type DeliveryStatus = 'pending' | 'sent' | 'dead';

export interface StoredDelivery {
  id: string;
  targetId: string;
  hallId: string;
  event: string;
  key: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  dueAt: number;
  claimedBy: string | null;
  claimedUntil: number | null;
  lastStatus: number | null;
  problem: string | null;
  createdAt: number;
  sentAt: number | null;
}

export interface StoredTicketCase {
  ticketId: string;
  hallId: string;
  caseNumber: string;
  matterCode: string | null;
  result: 'done' | 'failed' | null;
  resultNote: string | null;
  attachedAt: number;
  resultAt: number | null;
  keyId: string;
}

/** The store's part for outside systems: keys, targets, the deliveries outbox, attached cases. */
export interface IntegrationStoreTx {
  putKey(k: StoredIntegrationKey): Promise<void>;
  getKey(id: string): Promise<StoredIntegrationKey | undefined>;
  listKeys(): Promise<StoredIntegrationKey[]>;
  /** Notes a key's use (only that column: a revocation meanwhile stays). */
  touchKey(id: string, at: number): Promise<void>;
  putTarget(t: StoredTarget): Promise<void>;
  getTarget(id: string): Promise<StoredTarget | undefined>;
  listTargets(): Promise<StoredTarget[]>;
  /** Adds a delivery; false when the target has one with its key already (idempotent). */
  enqueue(d: StoredDelivery): Promise<boolean>;
  /**
   * Claims up to `limit` due deliveries for `holder` until `until`: a delivery claimed by another
   * instance whose claim has not lapsed is left alone (exactly one sender per message).
   */
  claimDue(holder: string, now: number, until: number, limit: number): Promise<StoredDelivery[]>;
  /** Records an attempt's outcome; only the holder of the claim may (a lapsed claim loses it). */
  settle(
    id: string,
    holder: string,
    change: Pick<StoredDelivery, 'status' | 'attempts' | 'dueAt' | 'lastStatus' | 'problem' | 'sentAt'>,
  ): Promise<boolean>;
  listDeliveries(query: {
    targetId?: string;
    status?: DeliveryStatus;
    limit: number;
  }): Promise<StoredDelivery[]>;
  /** Puts a dead delivery back in line; false when it is not dead. */
  resend(id: string, now: number): Promise<boolean>;
  putTicketCase(c: StoredTicketCase): Promise<void>;
  getTicketCase(ticketId: string): Promise<StoredTicketCase | undefined>;
}
