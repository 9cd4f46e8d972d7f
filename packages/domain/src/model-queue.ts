import { z } from 'zod';
import { Id, Instant } from './model-base.js';

export const QueuePosition = z.strictObject({
  /** Queued tickets that the windows able to serve this one would call first. */
  peopleAhead: z.number().int().min(0),
  /** Minutes until the call, or null while no open window serves the matter. */
  estimatedWaitMin: z.number().min(0).nullable(),
  /** Open windows that may call this ticket. */
  windowsServing: z.number().int().min(0),
  /** The structural estimate before the hall's own outcomes corrected it (minutes, one decimal). */
  baseWaitMin: z.number().min(0).nullable().optional(),
  /** The range told, calibrated on the hall's outcomes to hold most actual waits (whole minutes). */
  range: z
    .strictObject({ fromMin: z.number().min(0), toMin: z.number().min(0) })
    .nullable()
    .optional(),
});
export type QueuePosition = z.infer<typeof QueuePosition>;

export const MatterLoad = z.strictObject({
  matterId: Id,
  categoryId: Id,
  waiting: z.number().int().min(0),
  /** Minutes the oldest queued ticket of the matter has waited. */
  longestWaitMin: z.number().min(0),
  /** What a ticket issued now would be told. */
  estimatedWaitMin: z.number().min(0).nullable(),
  /** The range it would be told with. */
  range: z
    .strictObject({ fromMin: z.number().min(0), toMin: z.number().min(0) })
    .nullable()
    .optional(),
  windowsServing: z.number().int().min(0),
  /** How the matter's told waits have fared today: recent error, bias and range coverage. */
  accuracy: z
    .strictObject({
      outcomes: z.number().min(0),
      maeMin: z.number().min(0),
      biasMin: z.number(),
      coverage: z.number().min(0).max(1).nullable(),
    })
    .nullable()
    .optional(),
});
export type MatterLoad = z.infer<typeof MatterLoad>;

export const QueueStats = z.strictObject({
  at: Instant,
  totalWaiting: z.number().int().min(0),
  windowsOpen: z.number().int().min(0),
  longestWaitMin: z.number().min(0),
  matters: z.array(MatterLoad),
});
export type QueueStats = z.infer<typeof QueueStats>;
