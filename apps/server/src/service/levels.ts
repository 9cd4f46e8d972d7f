import type { UnresolvedCase } from '@onewindow/domain';
import { CommandError, notFound } from '../errors.js';
import { ancestorsOf } from '../hall-tree.js';
import type { Handlers } from './handlers.js';
import type { HallOps } from './ops.js';

/**
 * 多级联办: a 办不成事 case a hall cannot settle goes up to a hall above it, which receives a case of its
 * own with the whole history; the case here is marked followed up and says where it went.
 */
export function levelHandlers(ops: HallOps): Pick<Handlers, 'unresolved:forward'> {
  return {
    'unresolved:forward': async (ctx, p) => {
      ops.window(ctx, p.windowId);
      const original = await ctx.tx.getCase('unresolved', p.caseId);
      if (original === undefined || original.hallId !== ctx.hall.id) throw notFound('case', p.caseId);
      if (original.status === 'closed') {
        throw new CommandError('VALIDATION_FAILED', 'a closed case is not forwarded', {
          issues: [{ path: 'caseId', message: 'the case is closed' }],
        });
      }
      if (!ancestorsOf(ops.deps.halls, ctx.hall.id).includes(p.toHallId)) {
        throw new CommandError('FORBIDDEN', `hall ${p.toHallId} is not above ${ctx.hall.id}`, {
          toHallId: p.toHallId,
        });
      }
      const note = p.note ?? null;
      const forwarded: UnresolvedCase = {
        ...original,
        id: ops.deps.ids.uuid(),
        hallId: p.toHallId,
        status: 'open',
        at: ctx.now,
        // The hall above follows it up itself: its own assignee, its own outcome.
        assignee: null,
        outcome: null,
        notifications: [],
        closedAt: null,
        forwardedFrom: { hallId: ctx.hall.id, caseId: original.id },
        history: [
          ...original.history,
          { at: ctx.now, hallId: p.toHallId, action: 'received', otherHallId: ctx.hall.id, note },
        ],
      };
      const updated: UnresolvedCase = {
        ...original,
        status: 'followedUp',
        history: [
          ...original.history,
          { at: ctx.now, hallId: ctx.hall.id, action: 'forwarded', otherHallId: p.toHallId, note },
        ],
      };
      await ctx.tx.updateCase('unresolved', updated);
      await ctx.tx.insertCase('unresolved', forwarded);
      return { case: updated, forwarded };
    },
  };
}
