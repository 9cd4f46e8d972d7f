import { type ServiceDay, shanghaiInstant, type TicketStatus } from '@onewindow/domain';
import { subtreeOf } from '../hall-tree.js';
import type { HallRegistry } from '../registry.js';
import type { HallStore } from '../store/types.js';

/** One hall's day in the figures a county compares its halls by. */
export interface HallDayFigures {
  issued: number;
  done: number;
  noShow: number;
  cancelled: number;
  waiting: number;
  ratings: number;
  /** Ratings of 满意 or 非常满意 (4 and 5). */
  satisfied: number;
  /** 办不成事 cases recorded or received that day. */
  unresolved: number;
  /** Of those, cases forwarded here from a hall below (多级联办). */
  forwardedIn: number;
}

export interface Rollup {
  hallId: string;
  day: ServiceDay;
  /** The hall and every hall below it, each on its own. */
  halls: { hallId: string; name: string; level: string; parentId: string | null; figures: HallDayFigures }[];
  /** The sum over all of them. */
  total: HallDayFigures;
}

const DAY_MS = 24 * 3_600_000;
const statusCount = (store: HallStore, hallId: string, day: ServiceDay, statuses: TicketStatus[]) =>
  store.read((tx) => tx.countTickets(hallId, { serviceDay: day, statuses }));

async function figuresOf(store: HallStore, hallId: string, day: ServiceDay): Promise<HallDayFigures> {
  const from = shanghaiInstant(day, '00:00');
  const [issued, done, noShow, cancelled, waiting, ratings, cases] = await Promise.all([
    store.read((tx) => tx.countTickets(hallId, { serviceDay: day })),
    statusCount(store, hallId, day, ['done']),
    statusCount(store, hallId, day, ['noShow']),
    statusCount(store, hallId, day, ['cancelled']),
    statusCount(store, hallId, day, ['waiting']),
    store.read((tx) => tx.listEvaluations(hallId, from, from + DAY_MS)),
    store.read((tx) => tx.listCases('unresolved', hallId, from, from + DAY_MS)),
  ]);
  return {
    issued,
    done,
    noShow,
    cancelled,
    waiting,
    ratings: ratings.length,
    satisfied: ratings.filter((r) => r.level >= 4).length,
    unresolved: cases.length,
    forwardedIn: cases.filter((c) => c.forwardedFrom !== null).length,
  };
}

/** County → township → village: each hall's day and their sum, as a county's center sees them. */
export async function rollup(
  store: HallStore,
  halls: HallRegistry,
  hallId: string,
  day: ServiceDay,
): Promise<Rollup> {
  const ids = subtreeOf(halls, hallId);
  const each = await Promise.all(
    ids.map(async (id) => {
      const h = halls.get(id).hall;
      return {
        hallId: id,
        name: h.name,
        level: h.level,
        parentId: h.parentId ?? null,
        figures: await figuresOf(store, id, day),
      };
    }),
  );
  const total = each.reduce<HallDayFigures>(
    (sum, h) => {
      for (const k of Object.keys(sum) as (keyof HallDayFigures)[]) sum[k] += h.figures[k];
      return sum;
    },
    {
      issued: 0,
      done: 0,
      noShow: 0,
      cancelled: 0,
      waiting: 0,
      ratings: 0,
      satisfied: 0,
      unresolved: 0,
      forwardedIn: 0,
    },
  );
  return { hallId, day, halls: each, total };
}
