import { z } from 'zod';
import { BookingRule } from './booking.js';
import { Id } from './model-base.js';

export const Category = z.strictObject({
  id: Id,
  name: z.string().min(1),
  nameEn: z.string().min(1).optional(),
});
export type Category = z.infer<typeof Category>;

export const Material = z.strictObject({
  name: z.string().min(1),
  original: z.number().int().min(0),
  copies: z.number().int().min(0),
  note: z.string().optional(),
});
export type Material = z.infer<typeof Material>;

/** Only web addresses a phone or kiosk can open: http(s) or a path on the hall server. */
const Link = z
  .string()
  .max(500)
  .regex(/^(https?:\/\/|\/)[^\s]*$/, 'must be an http(s) address or a path starting with /');

export const Guide = z.strictObject({
  summary: z.string().optional(),
  /** 白话版: the guide in plain words for residents. */
  plain: z.string().max(2000).optional(),
  conditions: z.array(z.string().min(1)),
  materials: z.array(Material),
  steps: z.array(z.string().min(1)),
  timeLimit: z.string().min(1),
  fees: z.string().min(1),
  legalBasis: z.array(z.string().min(1)),
  faq: z.array(z.strictObject({ q: z.string().min(1), a: z.string().min(1) })).default([]),
  /** Pictures (where to sign, what a document looks like) and a video explaining the matter. */
  pictures: z.array(z.strictObject({ url: Link, caption: z.string().max(100).optional() })).default([]),
  videoUrl: Link.optional(),
  /** Blank forms and samples to download (表格下载). */
  forms: z.array(z.strictObject({ name: z.string().min(1).max(100), url: Link })).default([]),
  /** 中介服务 the matter needs, and 特别程序 (hearing, expert review…) that add time. */
  intermediary: z.string().max(500).optional(),
  specialProcedures: z.string().max(500).optional(),
});
export type Guide = z.infer<typeof Guide>;

/** A guide with nothing filled in yet (an instant matter without fees): a new matter's starting point. */
export function emptyGuide(over: Partial<Guide> = {}): Guide {
  return {
    conditions: [],
    materials: [],
    steps: [],
    timeLimit: '即办',
    fees: '不收费',
    legalBasis: [],
    faq: [],
    pictures: [],
    forms: [],
    ...over,
  };
}

export const MatterKind = z.enum(['instant', 'promised']);
export type MatterKind = z.infer<typeof MatterKind>;

export const Matter = z
  .strictObject({
    id: Id,
    code: z.string().min(1),
    name: z.string().min(1),
    nameEn: z.string().min(1).optional(),
    categoryId: Id,
    department: z.string().min(1),
    kind: MatterKind,
    /** Working days promised for a 承诺件; null for a 即办件. */
    promisedDays: z.number().int().positive().nullable().default(null),
    targetWaitMin: z.number().positive(),
    /** Default handle time until live figures exist. */
    avgHandleMin: z.number().positive(),
    /** 限时办结: minutes a visit may take at the window (call or start to finish); unset, twice avgHandleMin. */
    committedHandleMin: z.number().positive().optional(),
    ticketPrefix: z.string().regex(/^[A-Z]{1,2}$/, 'must be one or two capital letters'),
    dailyQuota: z.number().int().positive().nullable().default(null),
    guide: Guide,
    /** 一件事一次办: the matters this bundle serves in one visit, one ticket, one window. */
    bundleOf: z.array(Id).min(2).optional(),
    /** 预约: unset, the matter cannot be booked ahead. */
    booking: BookingRule.optional(),
  })
  .refine((m) => (m.kind === 'promised') === (m.promisedDays !== null), {
    message: 'promisedDays is required for a promised matter and must be null for an instant one',
    path: ['promisedDays'],
  });
export type Matter = z.infer<typeof Matter>;
