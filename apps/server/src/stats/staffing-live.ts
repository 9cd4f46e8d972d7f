import {
  type Category,
  type Matter,
  mergeSkills,
  queueFigures,
  requiredWindowsForGroup,
  type Staff,
  skillSetCovers,
  type Window,
} from '@onewindow/domain';
import type { StaffingAdvice, StaffingProposal } from '@onewindow/protocol';
import type { Visit } from './fold.js';

export interface LiveAdviceInput {
  now: number;
  categories: readonly Category[];
  matters: readonly Matter[];
  /** Windows as they are now, with today's skills (动态调整 and AB岗 included). */
  windows: readonly Window[];
  staff: readonly Staff[];
  /** Today's visits so far (from the event log). */
  visits: readonly Visit[];
  /** Residents waiting now, by matter. */
  waiting: ReadonlyMap<string, number>;
}

const HOUR = 3_600_000;
/** How many visits the configured average handle time weighs, against today's measured ones. */
const PRIOR_VISITS = 5;
const covers = (w: Pick<Window, 'primary' | 'secondary'>, m: Matter) =>
  skillSetCovers(w.primary, m) || skillSetCovers(w.secondary, m);
/** Comprehensive windows take on more matters for a day; a 专业窗口 keeps its specialty (its clerk may move). */
const WIDENABLE = new Set<string>(['universal', 'category', 'flex', 'assist']);
const serving = (w: Window) => w.state === 'open' || w.state === 'serving';

/**
 * Next hour's staffing per skill group (a category), from today's observed arrivals and handle times:
 * demand is the last hour's arrivals (the best forecast of the next, hour to hour) plus the residents
 * waiting now, who must be cleared within it; service is today's mean handle time of the matter,
 * weighed with its configured average (worth five visits) so that the first few visits do not swing it. Erlang C gives the windows needed; a group short of
 * windows gets concrete changes, in this order: open a closed window whose clerk is free (capacity taken
 * from nobody), widen an open comprehensive window of a group with windows to spare, or move a clerk
 * from an idle window of such a group to a closed window that serves this one.
 */
export function liveAdvice(input: LiveAdviceInput): StaffingAdvice {
  const since = input.now - HOUR;
  const groups = input.categories
    .map((c) => {
      const ms = input.matters.filter((m) => m.categoryId === c.id && m.bundleOf === undefined);
      const streams = ms.map((m) => {
        const arrivals = input.visits.filter((v) => v.issuedMatterId === m.id && v.issuedAt >= since).length;
        const handles = input.visits.filter((v) => v.matterId === m.id && v.handleMs !== null);
        // A few visits do not outweigh the configured average: they count against PRIOR_VISITS of it.
        const measuredMin = handles.reduce((s, v) => s + (v.handleMs ?? 0), 0) / 60_000;
        const meanServiceMin =
          (measuredMin + PRIOR_VISITS * m.avgHandleMin) / (handles.length + PRIOR_VISITS);
        return {
          ratePerHour: arrivals + (input.waiting.get(m.id) ?? 0),
          meanServiceMin: Math.max(0.5, meanServiceMin),
          targetWaitMin: m.targetWaitMin,
        };
      });
      const rate = streams.reduce((s, x) => s + x.ratePerHour, 0);
      const service =
        rate === 0 ? 0 : streams.reduce((s, x) => s + x.ratePerHour * x.meanServiceMin, 0) / rate;
      const target = Math.min(...ms.map((m) => m.targetWaitMin));
      const open = input.windows.filter((w) => serving(w) && ms.some((m) => covers(w, m))).length;
      const needed = requiredWindowsForGroup(streams);
      const f = open === 0 || rate === 0 ? null : queueFigures(open, rate, service, target);
      return {
        categoryId: c.id,
        name: c.name,
        ratePerHour: rate,
        waiting: ms.reduce((s, m) => s + (input.waiting.get(m.id) ?? 0), 0),
        meanServiceMin: service,
        targetWaitMin: Number.isFinite(target) ? target : 0,
        windowsNeeded: needed,
        windowsOpen: open,
        forecastMeanWaitMin: f === null ? null : Number.isFinite(f.meanWaitMin) ? f.meanWaitMin : null,
        short: needed > open,
        matters: ms,
      };
    })
    .filter((g) => g.matters.length > 0);

  const spare = new Map(groups.map((g) => [g.categoryId, g.windowsOpen - g.windowsNeeded]));
  const proposals: StaffingProposal[] = [];
  const used = new Set<string>();
  const signedIn = new Set(input.windows.filter((w) => w.state !== 'closed').map((w) => w.staffId));
  const groupsOf = (w: Window) => groups.filter((g) => g.matters.some((m) => covers(w, m)));
  for (const g of [...groups]
    .filter((x) => x.short)
    .sort((a, b) => b.windowsNeeded - b.windowsOpen - (a.windowsNeeded - a.windowsOpen))) {
    let missing = g.windowsNeeded - g.windowsOpen;
    const take = (p: StaffingProposal, windows: string[], fromGroups: Window[] = []) => {
      proposals.push(p);
      for (const id of windows) used.add(id);
      for (const w of fromGroups)
        for (const x of groupsOf(w)) spare.set(x.categoryId, (spare.get(x.categoryId) ?? 0) - 1);
      missing--;
    };
    const closedFor = input.windows.filter(
      (w) => w.state === 'closed' && g.matters.some((m) => covers(w, m)),
    );
    // Open a closed window that serves the group, with a clerk of it who is not working now.
    for (const w of closedFor) {
      if (missing <= 0) break;
      if (used.has(w.id)) continue;
      const clerk = input.staff.find(
        (s) => s.windowIds.includes(w.id) && !signedIn.has(s.id) && !used.has(`staff:${s.id}`),
      );
      if (clerk === undefined) continue;
      take(
        {
          kind: 'open',
          categoryId: g.categoryId,
          windowId: w.id,
          staffId: clerk.id,
          fromWindowId: null,
          secondary: null,
        },
        [w.id, `staff:${clerk.id}`],
      );
    }
    // Widen an open window whose own groups keep enough windows without it.
    for (const w of input.windows) {
      if (missing <= 0) break;
      if (used.has(w.id) || !serving(w) || !WIDENABLE.has(w.type) || g.matters.some((m) => covers(w, m)))
        continue;
      if (!groupsOf(w).every((x) => (spare.get(x.categoryId) ?? 0) >= 1)) continue;
      take(
        {
          kind: 'widen',
          categoryId: g.categoryId,
          windowId: w.id,
          staffId: w.staffId,
          fromWindowId: null,
          secondary: mergeSkills(w.secondary, { categories: [g.categoryId] }),
        },
        [w.id],
        [w],
      );
    }
    // Move a clerk from an idle window of a group with windows to spare to a closed one of this group.
    for (const from of input.windows) {
      if (missing <= 0) break;
      if (used.has(from.id) || from.state !== 'open' || from.staffId === null) continue;
      if (!groupsOf(from).every((x) => (spare.get(x.categoryId) ?? 0) >= 1)) continue;
      const clerk = input.staff.find((s) => s.id === from.staffId);
      const to = closedFor.find(
        (w) => !used.has(w.id) && clerk !== undefined && clerk.windowIds.includes(w.id),
      );
      if (to === undefined || clerk === undefined) continue;
      take(
        {
          kind: 'move',
          categoryId: g.categoryId,
          windowId: to.id,
          staffId: clerk.id,
          fromWindowId: from.id,
          secondary: null,
        },
        [from.id, to.id],
        [from],
      );
    }
  }
  return {
    at: input.now,
    groups: groups.map(({ matters: _m, ...g }) => g),
    proposals,
  };
}
