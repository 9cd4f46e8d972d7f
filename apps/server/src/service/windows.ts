import { DomainError, shanghaiInstant, staffMayWorkAt, type WindowFigures } from '@onewindow/domain';
import type { StaffEntry } from '../config.js';
import { notFound } from '../errors.js';
import type { HallRuntime } from '../hall-runtime.js';
import type { Handlers } from './handlers.js';
import type { Ctx, HallOps } from './ops.js';

type WindowCommands =
  | 'window:open'
  | 'window:today'
  | 'window:pause'
  | 'window:resume'
  | 'window:close'
  | 'window:autoCall'
  | 'window:setSkills';

/** A window's day: a clerk opens it (the PIN is checked before), pauses, resumes, closes it. */
export function windowHandlers(ops: HallOps): Pick<Handlers, WindowCommands> {
  return {
    'window:open': async (ctx, p) => {
      const staff = p.staffId === undefined ? undefined : staffAllowedAt(ctx.hall, p.staffId, p.windowId);
      return {
        window: await ops.changeWindow(ctx, p.windowId, {
          type: 'open',
          at: ctx.now,
          staffId: p.staffId ?? null,
        }),
        staff: staff === undefined ? null : { id: staff.id, name: staff.name },
      };
    },
    'window:today': (ctx, p) => windowFigures(ops, ctx, p.windowId),
    'window:pause': async (ctx, p) => ({
      window: await ops.changeWindow(ctx, p.windowId, { type: 'pause', at: ctx.now, reason: p.reason }),
    }),
    'window:resume': async (ctx, p) => {
      const window = await ops.changeWindow(ctx, p.windowId, { type: 'resume', at: ctx.now });
      return { window: await ops.autoCall(ctx, window) };
    },
    'window:close': async (ctx, p) => ({
      window: await ops.changeWindow(ctx, p.windowId, { type: 'close', at: ctx.now }),
    }),
    'window:autoCall': async (ctx, p) => {
      const window = await ops.changeWindow(ctx, p.windowId, {
        type: 'setAutoCall',
        at: ctx.now,
        autoCall: p.autoCall,
      });
      return { window: await ops.autoCall(ctx, window) };
    },
    'window:setSkills': async (ctx, p) => {
      const window = ops.window(ctx, p.windowId);
      for (const tier of ['primary', 'secondary'] as const) {
        for (const m of p[tier].matters ?? []) if (!ctx.hall.matters.has(m)) throw notFound('matter', m);
        for (const c of p[tier].categories ?? [])
          if (!ctx.hall.categories.some((x) => x.id === c)) throw notFound('category', c);
      }
      const p0 = p.primary;
      if (p0.all !== true && (p0.categories ?? []).length === 0 && (p0.matters ?? []).length === 0) {
        throw new DomainError('NOT_ELIGIBLE', 'a window must serve something: all, categories or matters', {
          windowId: window.id,
        });
      }
      // For the rest of today only; tomorrow the window serves what its configuration says.
      const adjusted = {
        ...window,
        primary: p.primary,
        secondary: p.secondary,
        adjustedDay: ctx.day,
        updatedAt: ctx.now,
      };
      await ops.saveWindow(ctx, adjusted, { primary: p.primary, secondary: p.secondary });
      return { window: await ops.autoCall(ctx, adjusted) };
    },
  };
}

/** The person, if they may work at the window (their own, or as AB岗 backup); else a clear refusal. */
export function staffAllowedAt(hall: HallRuntime, staffId: string, windowId: string): StaffEntry {
  const staff = hall.staff.find((s) => s.id === staffId);
  if (staff === undefined) throw notFound('staff', staffId);
  if (!staffMayWorkAt(staff, windowId, hall.staff)) {
    throw new DomainError(
      'STAFF_NOT_ALLOWED',
      `${staff.name} is not assigned to this window, nor a backup for it`,
      {
        staffId: staff.id,
        windowId,
      },
    );
  }
  return staff;
}

/** Today's figures of a window, or of its clerk when one is logged in. */
async function windowFigures(ops: HallOps, ctx: Ctx, windowId: string): Promise<WindowFigures> {
  const window = ops.window(ctx, windowId);
  const mine = (t: { windowId: string | null; staffId: string | null }) =>
    window.staffId !== null ? t.staffId === window.staffId : t.windowId === window.id;
  const tickets = (
    await ctx.tx.listTickets(ctx.hall.id, { serviceDay: ctx.day, statuses: ['done', 'noShow'] })
  ).filter(mine);
  const served = tickets.filter((t) => t.status === 'done');
  const minutes = served
    .map((t) => ((t.finishedAt ?? 0) - (t.startedAt ?? t.calledAt ?? t.finishedAt ?? 0)) / 60_000)
    .filter((m) => m >= 0);
  const from = shanghaiInstant(ctx.day, '00:00');
  const ratings = (await ctx.tx.listEvaluations(ctx.hall.id, from, from + 24 * 3_600_000)).filter(mine);
  const byLevel = [1, 2, 3, 4, 5].map((l) => ratings.filter((r) => r.level === l).length);
  return {
    windowId: window.id,
    staffId: window.staffId,
    served: served.length,
    noShows: tickets.length - served.length,
    averageHandleMin: minutes.length === 0 ? null : minutes.reduce((a, b) => a + b, 0) / minutes.length,
    ratings: {
      count: ratings.length,
      average: ratings.length === 0 ? null : ratings.reduce((a, r) => a + r.level, 0) / ratings.length,
      byLevel,
    },
  };
}
