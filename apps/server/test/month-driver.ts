import type { HallClient } from '@onewindow/client';
import { shanghaiInstant } from '@onewindow/domain';
import { MIN, okData, padToken, type TestHall, windowToken } from './helpers.js';

/** What the driver did to one ticket, by its own clock: the record the statistics are checked against. */
export interface DrivenTicket {
  id: string;
  day: string;
  issuedMatter: string;
  matter: string;
  issuedAt: number;
  toldMin: number | null;
  firstCall: number | null;
  start: number | null;
  finish: number | null;
  status: 'waiting' | 'serving' | 'done' | 'noShow' | 'transferred' | 'expired';
  window: string | null;
  staff: string | null;
  transfers: number;
  rating: number | null;
}

export interface DrivenSpan {
  window: string;
  staff: string;
  state: 'open' | 'serving' | 'paused';
  reason: string | null;
  from: number;
  to: number;
}

export interface DrivenMonth {
  days: string[];
  tickets: DrivenTicket[];
  spans: DrivenSpan[];
}

/** A small deterministic generator: the same month every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const STAFF: Record<string, { staffId: string; pin?: string }> = {
  w1: { staffId: 's1' },
  w2: { staffId: 's2' },
  w3: { staffId: 's3', pin: '2468' },
};
const MATTERS = ['m-social', 'm-social2', 'm-tax'];

/**
 * Drives real hall days through the server's commands (kiosk issues, windows call, start, finish,
 * mark no-shows, transfer, pause; pads rate), minute by minute on the fake clock, and records what it
 * did. The test computes every figure again from this record, not from the server's events.
 */
export async function driveMonth(
  hall: TestHall,
  days: readonly string[],
  seed = 7,
  /** Chance of an arrival each minute. */
  rate = 0.2,
): Promise<DrivenMonth> {
  const next = rng(seed);
  const kiosk = await hall.connect('kiosk-token');
  const windows: Record<string, HallClient> = {};
  const pads: Record<string, HallClient> = {};
  for (const w of Object.keys(STAFF)) {
    windows[w] = await hall.connect(windowToken(w));
    pads[w] = await hall.connect(padToken(w));
  }
  const tickets: DrivenTicket[] = [];
  const spans: DrivenSpan[] = [];
  const byId = new Map<string, DrivenTicket>();
  for (const day of days) {
    hall.clock.t = shanghaiInstant(day, '08:55');
    const state: Record<
      string,
      {
        state: DrivenSpan['state'];
        since: number;
        ticket: DrivenTicket | null;
        doneAt: number;
        noShow: boolean;
        transfer: boolean;
        pausedUntil: number;
      }
    > = {};
    const mark = (w: string, s: DrivenSpan['state']) => {
      const cur = state[w];
      const staff = STAFF[w]?.staffId ?? '';
      if (cur !== undefined && hall.clock.t > cur.since)
        spans.push({
          window: w,
          staff,
          state: cur.state,
          reason: cur.state === 'paused' ? 'break' : null,
          from: cur.since,
          to: hall.clock.t,
        });
      if (cur !== undefined) {
        cur.state = s;
        cur.since = hall.clock.t;
      }
    };
    for (const [w, c] of Object.entries(windows)) {
      okData(await c.command('window:open', { windowId: w, ...STAFF[w] }));
      state[w] = {
        state: 'open',
        since: hall.clock.t,
        ticket: null,
        doneAt: 0,
        noShow: false,
        transfer: false,
        pausedUntil: 0,
      };
    }
    const endIssue = shanghaiInstant(day, '16:00');
    const endDay = shanghaiInstant(day, '16:45');
    hall.clock.t = shanghaiInstant(day, '09:00');
    while (hall.clock.t <= endDay) {
      const now = hall.clock.t;
      if (now < endIssue && next() < rate) {
        const matterId = MATTERS[Math.floor(next() * MATTERS.length)] ?? 'm-social';
        const r = okData(await kiosk.command('ticket:issue', { matterId }));
        const t: DrivenTicket = {
          id: r.ticket.id,
          day,
          issuedMatter: matterId,
          matter: matterId,
          issuedAt: now,
          toldMin: r.position.estimatedWaitMin,
          firstCall: null,
          start: null,
          finish: null,
          status: 'waiting',
          window: null,
          staff: null,
          transfers: 0,
          rating: null,
        };
        tickets.push(t);
        byId.set(t.id, t);
      }
      // The windows act side by side, as in a hall (their commands commit together).
      await Promise.all(
        Object.entries(windows).map(async ([w, c]) => {
          const st = state[w];
          if (st === undefined) return;
          if (st.state === 'serving' && st.ticket !== null && now >= st.doneAt) {
            const t = st.ticket;
            if (st.noShow) {
              okData(await c.command('ticket:noShow', { windowId: w, ticketId: t.id }));
              t.status = 'noShow';
            } else if (st.transfer) {
              okData(
                await c.command('ticket:transfer', {
                  windowId: w,
                  ticketId: t.id,
                  to: { matterId: 'm-tax' },
                }),
              );
              t.status = 'transferred';
              t.matter = 'm-tax';
              t.transfers++;
            } else {
              okData(await c.command('ticket:finish', { windowId: w, ticketId: t.id }));
              t.status = 'done';
              t.finish = now;
              if (next() < 0.7) {
                const level = next() < 0.12 ? 1 + Math.floor(next() * 2) : 3 + Math.floor(next() * 3);
                const pad = pads[w];
                if (pad === undefined) throw new Error(`no pad at ${w}`);
                okData(await pad.command('evaluation:submit', { ticketId: t.id, level }));
                t.rating = level;
              }
            }
            st.ticket = null;
            mark(w, 'open');
          }
          if (st.state === 'paused' && now >= st.pausedUntil) {
            okData(await c.command('window:resume', { windowId: w }));
            mark(w, 'open');
          }
          if (
            st.state === 'open' &&
            w === 'w2' &&
            now >= shanghaiInstant(day, '12:00') &&
            st.pausedUntil < now - 120 * MIN
          ) {
            okData(await c.command('window:pause', { windowId: w, reason: 'break' }));
            mark(w, 'paused');
            st.pausedUntil = now + 15 * MIN;
            return;
          }
          // Asked only when something it serves is waiting: the month stays quick to drive.
          const serves = (m: string) => w === 'w1' || (w === 'w3') === (m === 'm-tax');
          if (
            st.state === 'open' &&
            tickets.some((t) => (t.status === 'waiting' || t.status === 'transferred') && serves(t.matter))
          ) {
            const ack = await c.command('ticket:callNext', { windowId: w });
            if (!ack.ok) return;
            const t = byId.get(ack.data.ticket.id);
            if (t === undefined) throw new Error('called a ticket the driver did not issue');
            t.firstCall ??= now;
            t.window = w;
            t.staff = STAFF[w]?.staffId ?? null;
            mark(w, 'serving');
            st.ticket = t;
            st.noShow = next() < 0.05;
            st.transfer = !st.noShow && t.matter !== 'm-tax' && w !== 'w3' && next() < 0.04;
            if (!st.noShow) {
              okData(await c.command('ticket:start', { windowId: w, ticketId: t.id }));
              t.start = now;
              t.status = 'serving';
            }
            st.doneAt = now + (2 + Math.floor(next() * 12)) * MIN;
          }
        }),
      );
      hall.clock.advance(MIN);
    }
    // Whoever is still at a window finishes; residents still waiting expire at closing time.
    for (const [w, c] of Object.entries(windows)) {
      const st = state[w];
      if (st?.ticket !== null && st?.ticket !== undefined && st.noShow) {
        okData(await c.command('ticket:noShow', { windowId: w, ticketId: st.ticket.id }));
        st.ticket.status = 'noShow';
        st.ticket = null;
        mark(w, 'open');
      }
      if (st?.ticket !== null && st?.ticket !== undefined) {
        okData(await c.command('ticket:finish', { windowId: w, ticketId: st.ticket.id }));
        st.ticket.status = 'done';
        st.ticket.finish = hall.clock.t;
        st.ticket = null;
        mark(w, 'open');
      }
      if (st?.state === 'paused') {
        okData(await c.command('window:resume', { windowId: w }));
        mark(w, 'open');
      }
      okData(await c.command('window:close', { windowId: w }));
      mark(w, 'open');
      state[w] = undefined as never;
    }
    hall.clock.t = shanghaiInstant(day, '17:31');
    await hall.server.tick();
    for (const t of tickets)
      if (t.day === day && (t.status === 'waiting' || t.status === 'transferred')) t.status = 'expired';
  }
  return { days: [...days], tickets, spans };
}
