import type { HallClient, HallClientState } from '@onewindow/client';
import type { Ticket } from '@onewindow/domain';
import { type AckError, LOW_REASON_ZH, type LowReason } from '@onewindow/protocol';
import { createStore, type StoreApi } from 'zustand/vanilla';

export const LEVELS = [5, 4, 3, 2, 1] as const;

/**
 * Tags a resident can pick after a low rating. The pad shows them in its language; the rating records
 * them in Chinese, as the hall's rectification cases are kept.
 */
export { LOW_REASONS, type LowReason } from '@onewindow/protocol';
export const reasonRecorded = (r: LowReason): string => LOW_REASON_ZH[r];

export type PadPhase = 'idle' | 'rate' | 'reasons' | 'sending' | 'thanks' | 'failed';

export interface PadState {
  phase: PadPhase;
  ticket: Ticket | null;
  level: number | null;
  reasons: LowReason[];
  comment: string;
  /** When an unanswered rating is dropped (nothing is recorded). */
  deadline: number | null;
  error: AckError | null;
  /** Tickets already offered (or finished before the pad started): never asked twice. */
  offered: string[];
}

export interface PadActions {
  choose(level: number): Promise<void>;
  /** Back from the reasons to the five levels (the resident changes their mind). */
  back(): void;
  toggleReason(reason: LowReason): void;
  setComment(comment: string): void;
  submit(): Promise<void>;
  /** Drops an unanswered rating after the configured time, and leaves the thank-you screen. */
  tick(): void;
}

export type PadStore = StoreApi<PadState & PadActions>;

const THANKS_MS = 4_000;
/** Nothing on the pad: no visit, no answer. */
const CLEARED = { ticket: null, level: null, reasons: [], comment: '', error: null } as const;

export function createPadStore(deps: {
  hall: StoreApi<HallClientState>;
  client: Pick<HallClient, 'command'>;
  windowId: string;
  now: () => number;
}): PadStore {
  const timeoutMs = () => (deps.hall.getState().hall?.rules.ratingTimeoutSec ?? 60) * 1_000;
  let primed = false;
  const store: PadStore = createStore<PadState & PadActions>()((set, get) => {
    const send = async () => {
      const s = get();
      if (s.ticket === null || s.level === null) return;
      set({ phase: 'sending' });
      const ack = await deps.client.command('evaluation:submit', {
        ticketId: s.ticket.id,
        level: s.level,
        reasons: s.reasons.map(reasonRecorded),
        ...(s.comment.trim() === '' ? {} : { comment: s.comment.trim() }),
      });
      // ALREADY_EVALUATED means an earlier attempt landed: the resident's answer is recorded.
      if (ack.ok || ack.error.code === 'ALREADY_EVALUATED')
        set({ phase: 'thanks', deadline: deps.now() + THANKS_MS, error: null });
      else set({ phase: 'failed', error: ack.error, deadline: deps.now() + THANKS_MS });
    };
    return {
      phase: 'idle',
      ...CLEARED,
      reasons: [],
      deadline: null,
      offered: [],
      async choose(level) {
        if (get().phase !== 'rate') return;
        set({ level, deadline: deps.now() + timeoutMs() });
        if (level <= 2) set({ phase: 'reasons' });
        else await send();
      },
      back() {
        if (get().phase !== 'reasons') return;
        set({ phase: 'rate', level: null, reasons: [], comment: '', deadline: deps.now() + timeoutMs() });
      },
      toggleReason(reason) {
        const r = get().reasons;
        set({
          reasons: r.includes(reason) ? r.filter((x) => x !== reason) : [...r, reason],
          deadline: deps.now() + timeoutMs(),
        });
      },
      setComment(comment) {
        set({ comment: comment.slice(0, 500), deadline: deps.now() + timeoutMs() });
      },
      submit: send,
      tick() {
        const s = get();
        if (s.deadline === null || deps.now() < s.deadline) return;
        if (s.phase === 'rate' || s.phase === 'reasons' || s.phase === 'thanks' || s.phase === 'failed') {
          set({
            phase: 'idle',
            ticket: null,
            level: null,
            reasons: [],
            comment: '',
            deadline: null,
            error: null,
          });
        }
      },
    };
  });

  const onHall = (h: HallClientState) => {
    if (!h.synced) return;
    const done = Object.values(h.tickets).filter((t) => t.windowId === deps.windowId && t.status === 'done');
    const s = store.getState();
    if (!primed) {
      primed = true;
      store.setState({ offered: done.map((t) => t.id) });
      return;
    }
    const fresh = done
      .filter((t) => !s.offered.includes(t.id))
      .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0))[0];
    if (fresh === undefined) return;
    store.setState({
      offered: [...s.offered, fresh.id].slice(-200),
      phase: 'rate',
      ...CLEARED,
      reasons: [],
      ticket: fresh,
      deadline: deps.now() + timeoutMs(),
    });
  };
  onHall(deps.hall.getState());
  deps.hall.subscribe(onHall);
  return store;
}
