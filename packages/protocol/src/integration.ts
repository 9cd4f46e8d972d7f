import { Id, ServiceDay, TicketStatus } from '@onewindow/domain';
import { z } from 'zod';

/**
 * The contract with outside systems (窗口业务系统, the provincial 好差评 platform, subscribers): the
 * versioned API's requests and answers, integration keys, event targets and deliveries. The server
 * validates with these schemas and the OpenAPI document is generated from them.
 */

/** What an integration key lets its system do. */
export const IntegrationScope = z.enum(['queue:read', 'case:attach', 'rating:request', 'stats:read']);
export type IntegrationScope = z.infer<typeof IntegrationScope>;

export const CreateIntegrationKey = z.strictObject({
  name: z.string().trim().min(1).max(60),
  scopes: z.array(IntegrationScope).min(1).max(4),
});
export type CreateIntegrationKey = z.infer<typeof CreateIntegrationKey>;

export const IntegrationKeyView = z.strictObject({
  id: z.string(),
  name: z.string(),
  scopes: z.array(IntegrationScope),
  createdAt: z.number(),
  createdBy: z.string(),
  revokedAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
});
export type IntegrationKeyView = z.infer<typeof IntegrationKeyView>;

/** A new key with its token: shown this once, stored only as a digest. */
export const CreatedIntegrationKey = z.strictObject({ key: IntegrationKeyView, token: z.string() });

/** Events a webhook may subscribe to. */
export const WebhookEvent = z.enum([
  'ticket.issued',
  'ticket.called',
  'ticket.served',
  'ticket.noShow',
  'rating.submitted',
  'booking.made',
  'booking.missed',
  'booking.checkedIn',
  'rectification.overdue',
]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/**
 * Fields a 好差评 report may carry about the resident, each only when the mapping names it (and the
 * console lists it): never an ID number.
 */
export const PersonalReportField = z.enum(['residentNameMasked']);
export type PersonalReportField = z.infer<typeof PersonalReportField>;

/** The outside URL: http(s) only, no credentials in it. */
const TargetUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), 'credentials go in the secret, not the URL');

export const GoodBadTargetInput = z.strictObject({
  kind: z.literal('goodbad'),
  name: z.string().trim().min(1).max(60),
  url: TargetUrl,
  /** Signing secret (HMAC-SHA256); generated and shown once when absent. */
  secret: z.string().min(16).max(200).optional(),
  /** The platform's format: `generic-json` (documented) or a province's adapter. */
  adapter: z.string().min(1).max(40).default('generic-json'),
  /** Renames of report fields (ours → the platform's); fields not named keep our names. */
  fieldNames: z.record(z.string().max(40), z.string().min(1).max(60)).default({}),
  /** Personal fields the platform receives; none unless listed here. */
  personal: z.array(PersonalReportField).max(4).default([]),
  enabled: z.boolean().default(true),
});

export const WebhookTargetInput = z.strictObject({
  kind: z.literal('webhook'),
  name: z.string().trim().min(1).max(60),
  url: TargetUrl,
  secret: z.string().min(16).max(200).optional(),
  events: z.array(WebhookEvent).min(1).max(WebhookEvent.options.length),
  enabled: z.boolean().default(true),
});

export const TargetInput = z.discriminatedUnion('kind', [GoodBadTargetInput, WebhookTargetInput]);
export type TargetInput = z.infer<typeof TargetInput>;

export const TargetView = z.strictObject({
  id: z.string(),
  kind: z.enum(['goodbad', 'webhook']),
  name: z.string(),
  url: z.string(),
  enabled: z.boolean(),
  events: z.array(WebhookEvent),
  adapter: z.string().nullable(),
  fieldNames: z.record(z.string(), z.string()),
  /** Personal fields this target receives (the console lists them). */
  personal: z.array(PersonalReportField),
  createdAt: z.number(),
});
export type TargetView = z.infer<typeof TargetView>;

export const CreatedTarget = z.strictObject({ target: TargetView, secret: z.string().nullable() });

export const DeliveryView = z.strictObject({
  id: z.string(),
  targetId: z.string(),
  hallId: z.string(),
  event: z.string(),
  key: z.string(),
  status: z.enum(['pending', 'sent', 'dead']),
  attempts: z.number(),
  dueAt: z.number(),
  lastStatus: z.number().nullable(),
  problem: z.string().nullable(),
  createdAt: z.number(),
  sentAt: z.number().nullable(),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const DeliveryQuery = z.strictObject({
  targetId: z.string().max(64).optional(),
  status: z.enum(['pending', 'sent', 'dead']).optional(),
});

/* ---- /api/v1: what a business system calls ---- */

export const TicketIdParams = z.strictObject({ ticketId: z.string().min(1).max(64) });
export const HallIdParams = z.strictObject({ hallId: Id });

/** A 办件编号 as business systems write them: letters, digits and - _ /. */
export const CaseNumber = z
  .string()
  .trim()
  .min(4)
  .max(64)
  .regex(/^[0-9A-Za-z_/-]+$/, 'letters, digits and - _ / only');

export const AttachCase = z.strictObject({
  caseNumber: CaseNumber,
  /** 事项编码 of the national catalogue, when the business system knows it. */
  matterCode: z.string().trim().min(1).max(64).optional(),
});

export const CaseResult = z.strictObject({
  /** 办结, or 办不成 (the resident's matter could not be done). */
  result: z.enum(['done', 'failed']),
  note: z.string().trim().max(200).optional(),
});

export const TicketCaseView = z.strictObject({
  caseNumber: z.string(),
  matterCode: z.string().nullable(),
  result: z.enum(['done', 'failed']).nullable(),
  note: z.string().nullable(),
  attachedAt: z.number(),
  resultAt: z.number().nullable(),
});

/** A ticket as an outside system sees it: no resident data. */
export const TicketStateView = z.strictObject({
  id: z.string(),
  hallId: z.string(),
  number: z.string(),
  matterId: z.string(),
  matterCode: z.string(),
  status: TicketStatus,
  issuedAt: z.number(),
  calledAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  windowId: z.string().nullable(),
  staffNo: z.string().nullable(),
  peopleAhead: z.number().nullable(),
  estimatedWaitMin: z.number().nullable(),
  case: TicketCaseView.nullable(),
});
export type TicketStateView = z.infer<typeof TicketStateView>;

export const ApiQueueView = z.strictObject({
  hallId: z.string(),
  at: z.number(),
  totalWaiting: z.number(),
  windowsOpen: z.number(),
  matters: z.array(
    z.strictObject({
      matterId: z.string(),
      matterCode: z.string(),
      waiting: z.number(),
      longestWaitMin: z.number(),
      estimatedWaitMin: z.number().nullable(),
    }),
  ),
});

export const RatingRequested = z.strictObject({
  /** The visit was at its window: it is finished now, and the window's pad asks for the rating. */
  finished: z.boolean(),
  ticket: TicketStateView,
});

export const ApiDayQuery = z.strictObject({ day: ServiceDay });
export const ApiDayFigures = z.strictObject({
  hallId: z.string(),
  day: z.string(),
  issued: z.number(),
  served: z.number(),
  meanWaitMin: z.number().nullable(),
  ratings: z.number(),
  satisfaction: z.number().nullable(),
});
