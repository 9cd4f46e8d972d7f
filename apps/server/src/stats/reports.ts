import { type Matter, serviceDayOf, shanghaiInstant } from '@onewindow/domain';
import type { StaffAssessment, Statistics, StatsQuery } from '@onewindow/protocol';
import { notFound } from '../errors.js';
import { subtreeOf } from '../hall-tree.js';
import type { HallRegistry } from '../registry.js';
import type { HallStore } from '../store/types.js';
import { assess } from './assessment.js';
import { computeStatistics } from './figures.js';
import { daysBetween, type Folded, foldEvents } from './fold.js';

const DAY_MS = 86_400_000;
const EVER = Number.MAX_SAFE_INTEGER;

/** Everything a period's figures are worked out from, read for a set of halls. */
async function readPeriod(
  store: HallStore,
  hallIds: readonly string[],
  from: string,
  to: string,
  now: number,
) {
  const start = shanghaiInstant(from, '00:00');
  const end = shanghaiInstant(to, '00:00') + DAY_MS;
  const until = Math.min(end, now);
  const per = await Promise.all(
    hallIds.map((id) =>
      store.read(async (tx) => ({
        folded: foldEvents(await tx.eventsBetween(id, start, end), until),
        evaluations: await tx.listEvaluations(id, start, end),
        rectifications: await tx.listCases('rectification', id, 0, EVER),
        unresolved: await tx.listCases('unresolved', id, 0, EVER),
        appointments: await tx.listAppointments(id, start, end),
      })),
    ),
  );
  const folded: Folded = {
    visits: per.flatMap((p) => p.folded.visits),
    spans: per.flatMap((p) => p.folded.spans),
  };
  return {
    start,
    end,
    until,
    folded,
    evaluations: per.flatMap((p) => p.evaluations),
    rectifications: per.flatMap((p) => p.rectifications),
    appointments: per.flatMap((p) => p.appointments),
    unresolved: per.flatMap((p) => p.unresolved),
  };
}

/** Statistics and staff assessment from the stored events, ratings and cases of a period. */
export class Reports {
  constructor(
    private readonly store: HallStore,
    private readonly halls: HallRegistry,
    private readonly now: () => number,
  ) {}

  /** The halls a query covers: the hall, or it and every hall below it. */
  hallsOf(hallId: string, scope: StatsQuery['scope']): string[] {
    this.halls.get(hallId);
    if (scope === 'deployment') return [hallId, ...this.halls.ids().filter((id) => id !== hallId)];
    return scope === 'subtree' ? subtreeOf(this.halls, hallId) : [hallId];
  }

  async statistics(hallId: string, q: StatsQuery): Promise<Statistics> {
    const ids = this.hallsOf(hallId, q.scope);
    const now = this.now();
    const p = await readPeriod(this.store, ids, q.from, q.to, now);
    const matters = new Map<string, Matter>();
    const windowNames = new Map<string, string>();
    for (const id of ids) {
      const h = this.halls.get(id);
      for (const m of h.matters.values()) if (!matters.has(m.id)) matters.set(m.id, m);
      for (const w of h.windowDefs.values())
        windowNames.set(
          `${id}\u0000${w.id}`,
          ids.length > 1 ? `${h.hall.name} ${w.number}号` : `${w.number}号 ${w.name}`,
        );
    }
    return computeStatistics(
      {
        from: q.from,
        to: q.to,
        today: serviceDayOf(now),
        halls: ids.map((id) => {
          const h = this.halls.get(id).hall;
          return { id, name: h.name, level: h.level };
        }),
        matters,
        windowNames,
        visits: p.folded.visits,
        spans: p.folded.spans,
        evaluations: p.evaluations,
        rectifications: p.rectifications,
        unresolved: p.unresolved,
        appointments: p.appointments,
        periodStart: p.start,
        periodEnd: p.end,
      },
      q,
    );
  }

  /** 考勤考核 of the hall's clerks (or one of them), each day of the period and summed. */
  async assessment(hallId: string, from: string, to: string, staffId?: string): Promise<StaffAssessment[]> {
    const hall = this.halls.get(hallId);
    const staff = staffId === undefined ? hall.staff : hall.staff.filter((s) => s.id === staffId);
    if (staffId !== undefined && staff.length === 0) throw notFound('staff', staffId);
    const p = await readPeriod(this.store, [hallId], from, to, this.now());
    const input = {
      days: daysBetween(from, to),
      dayStart: (d: string) => shanghaiInstant(d, '00:00'),
      visits: p.folded.visits,
      spans: p.folded.spans,
      evaluations: p.evaluations,
      rectifications: p.rectifications,
    };
    return staff.map((s) => assess(s, input, p.until));
  }

  /** One clerk's calendar month (YYYY-MM). */
  async month(hallId: string, staffId: string, month: string): Promise<StaffAssessment> {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const [mine] = await this.assessment(hallId, `${month}-01`, last, staffId);
    if (mine === undefined) throw notFound('staff', staffId);
    return mine;
  }
}
