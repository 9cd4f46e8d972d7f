import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  autoCall,
  autoCallOnArrival,
  callableQueue,
  callNext,
  callTicket,
  DomainError,
  endAtWindow,
  type HallState,
  type HallStep,
  onewindowPolicy,
  priorityFifo,
  QueueIndex,
  recall,
  type StaffLinks,
  type Ticket,
  type Window,
} from '../src/index.js';
import { matter, mattersMap, T0, ticket, window } from './fixtures.js';

const MIN = 60_000;
const matters = mattersMap(
  matter('m-social', 'social', { avgHandleMin: 6 }),
  matter('m-pension', 'social', { avgHandleMin: 12, targetWaitMin: 30 }),
  matter('m-tax', 'tax', { avgHandleMin: 9 }),
  matter('m-estate', 'estate', { avgHandleMin: 25, targetWaitMin: 45 }),
);
// Ann works window A (social), Bo window B (tax) and backs Ann up (AB岗); Cy works C (estate).
const staff: StaffLinks[] = [
  { id: 'ann', windowIds: ['A'], backupOf: [] },
  { id: 'bo', windowIds: ['B'], backupOf: ['ann'] },
  { id: 'cy', windowIds: ['C'], backupOf: [] },
];

function staffed(w: Window, staffId: string | null): Window {
  return { ...w, staffId: w.state === 'closed' ? null : staffId };
}

function hallOf(windows: Window[], tickets: Ticket[], extra: Partial<HallState> = {}): HallState {
  return {
    windows,
    staff,
    matters,
    queue: new QueueIndex(tickets),
    policy: onewindowPolicy,
    maxRecalls: 2,
    now: T0 + 60 * MIN,
    ...extra,
  };
}

/** Applies a step to a hall the way the server and the simulator do: windows replaced, calls dequeued. */
function applied(hall: HallState, step: HallStep): HallState {
  const queue = new QueueIndex(hall.queue.unordered());
  let windows = hall.windows;
  for (const e of step.effects) {
    if (e.kind === 'ticket') queue.add(e.ticket);
    if (e.kind === 'window') windows = windows.map((w) => (w.id === e.window.id ? e.window : w));
  }
  return { ...hall, windows, queue };
}

const A = (state: Window['state'] = 'open') =>
  staffed(window('A', { categories: ['social'] }, {}, state), 'ann');
const B = (state: Window['state'] = 'open') => staffed(window('B', { categories: ['tax'] }, {}, state), 'bo');
const C = () => staffed(window('C', { categories: ['estate'] }), 'cy');

describe('the hall, written once', () => {
  it('AB岗: while Ann is away, Bo’s window calls social tickets too; the stored window keeps its skills', () => {
    const social = ticket('m-social', T0);
    const tax = ticket('m-tax', T0 + 30 * MIN);
    const away = hallOf([A('closed'), B(), C()], [social, tax]);
    expect(callableQueue(away, B()).map((t) => t.id)).toEqual([social.id, tax.id]);
    const step = callNext(away, B());
    expect(step.ticket.id).toBe(social.id);
    expect(step.window.primary).toEqual({ categories: ['tax'] });
    // Ann is back: Bo's window serves tax only again.
    const back = hallOf([A(), B(), C()], [social, tax]);
    expect(callableQueue(back, B()).map((t) => t.id)).toEqual([tax.id]);
    expect(() => callTicket(back, B(), social)).toThrow(DomainError);
  });

  it('a freed window in auto-call mode calls its next ticket; a transferred ticket is not called straight back', () => {
    const first = ticket('m-social', T0);
    const second = ticket('m-social', T0 + MIN);
    const auto = { ...A(), autoCall: true };
    const hall = hallOf([auto, B(), C()], [first, second]);
    const called = callNext(hall, auto);
    const busy = applied(hall, called);
    const done = endAtWindow(busy, called.window, called.ticket, { type: 'finish' });
    expect(done.next?.id).toBe(second.id);
    expect(done.effects.map((e) => e.kind)).toEqual([
      'ticket',
      'changed',
      'window',
      'ticket',
      'window',
      'called',
    ]);
    const moved = endAtWindow(busy, called.window, called.ticket, {
      type: 'transfer',
      to: { matterId: 'm-pension' },
      note: null,
    });
    expect(moved.next?.id).toBe(second.id);
    expect(moved.ticket.status).toBe('transferred');
  });

  it('past the recalls a ticket is a no-show and the window moves on', () => {
    const t = ticket('m-social', T0);
    const next = ticket('m-social', T0 + MIN);
    const auto = { ...A(), autoCall: true };
    let hall = hallOf([auto, B(), C()], [t, next], { maxRecalls: 1 });
    const called = callNext(hall, auto);
    hall = applied(hall, called);
    const once = recall(hall, called.window, called.ticket);
    expect(once.ticket.status).toBe('called');
    expect(once.effects.at(-1)).toMatchObject({ kind: 'called', recall: true });
    const gone = recall(applied(hall, once), called.window, once.ticket);
    expect(gone.ticket.status).toBe('noShow');
    expect(gone.next?.id).toBe(next.id);
  });

  it('a new ticket goes to the narrowest idle auto-call window that may serve it', () => {
    const broad = { ...staffed(window('U', { all: true }), 'cy'), autoCall: true };
    const narrow = { ...A(), autoCall: true };
    const t = ticket('m-social', T0 + 59 * MIN);
    const step = autoCallOnArrival(hallOf([broad, narrow, B()], [t]), t);
    expect(step?.window.id).toBe('A');
    expect(autoCall(hallOf([broad, narrow], []), narrow)).toBeUndefined();
  });

  it('lists a window’s queue in the order its calls take it, AB岗 cover and the other windows’ visits included (random halls)', () => {
    const matterIds = [...matters.keys()];
    const arbTicket = fc.record({
      matter: fc.constantFrom(...matterIds),
      minute: fc.integer({ min: 0, max: 59 }),
      cls: fc.constantFrom('normal', 'normal', 'normal', 'green', 'appointment') as fc.Arbitrary<
        Ticket['priorityClass']
      >,
    });
    fc.assert(
      fc.property(
        fc.array(arbTicket, { minLength: 0, maxLength: 40 }),
        fc.boolean(),
        fc.constantFrom('A', 'B', 'C'),
        fc.boolean(),
        fc.integer({ min: 0, max: 300 }),
        // Visits under way at the other windows: which matter, begun how many minutes ago.
        fc.array(fc.record({ matter: fc.constantFrom(...matterIds), ago: fc.integer({ min: 0, max: 40 }) }), {
          minLength: 3,
          maxLength: 3,
        }),
        (specs, annAway, caller, fifo, longest, visits) => {
          const tickets = specs.map((s) =>
            ticket(s.matter, T0 + s.minute * MIN, s.cls, s.cls === 'appointment' ? { slotStart: T0 } : {}),
          );
          const windows = [A(annAway ? 'closed' : 'open'), B(), C()];
          const now = T0 + 60 * MIN;
          const inService = new Map(
            windows
              .map(
                (w, i) => [w.id, { matterId: visits[i]!.matter, since: now - visits[i]!.ago * MIN }] as const,
              )
              .filter(([id]) => id !== caller),
          );
          let hall = hallOf(windows, tickets, {
            policy: fifo ? priorityFifo : onewindowPolicy,
            longestWaitMs: longest * MIN,
            inService,
          });
          const self = windows.find((w) => w.id === caller)!;
          if (self.state === 'closed') return;
          const listed = callableQueue(hall, self).map((t) => t.id);
          // 叫号 again and again, finishing each visit: the calls follow the list exactly.
          const calls: string[] = [];
          let w = self;
          for (;;) {
            let step: HallStep;
            try {
              step = callNext(hall, w);
            } catch (e) {
              expect((e as DomainError).code).toBe('QUEUE_EMPTY');
              break;
            }
            calls.push(step.ticket.id);
            hall = applied(hall, step);
            hall = {
              ...hall,
              longestWaitMs: Math.max(hall.longestWaitMs ?? 0, hall.now - step.ticket.issuedAt),
            };
            const done = endAtWindow(hall, step.window, step.ticket, { type: 'finish' });
            hall = applied(hall, done);
            w = done.window;
          }
          expect(calls).toEqual(listed);
        },
      ),
      { numRuns: 50 },
    );
  });
});
