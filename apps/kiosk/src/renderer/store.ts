import type { CommandInput, HallClient } from '@onewindow/client';
import { ageOn, type GreenReason, type Matter, printedWait, serviceDayOf } from '@onewindow/domain';
import type { CardEvent, CardRead, KioskBridge, KioskSettings, PrinterState } from '@onewindow/protocol';
import { type Locale, localized, type Speaker, shanghaiDateTime, translator } from '@onewindow/ui';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type MessageKey, messages } from './messages.js';
import { noticeFor, promptFor } from './notices.js';

import type { CardPurpose, Screen } from './screen.js';

export type { CardPurpose, NoticeKind, PrintState, Screen } from './screen.js';

export interface KioskState {
  screen: Screen;
  /** Screens to go back to; cleared on home. */
  history: Screen[];
  /** The card read for a real-name ticket; personal data, cleared on every return home. */
  resident: CardRead | null;
  green: GreenReason | null;
  /** Age from the card when the green channel was offered because of it. */
  greenOfferedAge: number | null;
  cardProblem: 'failed' | 'expired' | 'noId' | null;
  elder: boolean;
  locale: Locale;
  hasIdCardReader: boolean;
  lastActivity: number;
  printer: PrinterState | null;
  /** Matters whose quota ran out today, as the server said. */
  soldOut: string[];
  /** Guides fetched so far (they change rarely). */
  guides: Record<string, Matter | 'failed'>;
  /** Until when to remind the resident to take the ID card off the reader. */
  cardReminderUntil: number | null;
}

export interface KioskDeps {
  client: Pick<HallClient, 'store' | 'issueTicket'>;
  bridge: KioskBridge;
  settings: KioskSettings;
  speaker: Speaker;
  now: () => number;
  fetchGuide: (hallId: string, matterId: string) => Promise<Matter>;
  /** Where a phone follows a ticket. */
  trackUrl: (ticketId: string, locale: Locale) => string;
}

export interface KioskActions {
  go(screen: Screen): void;
  back(): void;
  home(): void;
  touch(): void;
  /** Returns home and forgets the resident when nobody has touched the screen for the idle time. */
  checkIdle(): boolean;
  toggleElder(): void;
  toggleLocale(): void;
  onCard(event: CardEvent): void;
  /** Takes a number; when no open window serves the matter, asks first unless `anyway`. */
  takeNumber(matterId: string, anyway?: boolean): Promise<void>;
  checkInWithCode(code: string): Promise<void>;
  chooseGreen(reason: GreenReason | null): void;
  openGuide(matterId: string): Promise<void>;
  refreshPrinter(): Promise<void>;
}

export type KioskStore = StoreApi<KioskState & KioskActions>;

const GREEN_AGE_DEFAULT = 60;
/** How long the kiosk reminds a resident to take their ID card back. */
const CARD_REMINDER_MS = 12_000;
/** Printed under the number so the window and the guide desk see the class at a glance. */
const PRINT_MARK = { appointment: '预约', green: '绿色通道', normal: undefined } as const;

const cardExpired = (card: CardRead, day: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(card.validTo) && card.validTo < day;
const cardHasResidentId = (card: CardRead) => /^\d{17}[\dX]$/.test(card.idNumber);

export function createKioskStore(deps: KioskDeps): KioskStore {
  const t = () => translator(messages, store.getState().locale);
  const speak = (key: MessageKey | null, vars?: Record<string, string | number>) => {
    if (key === null || !store.getState().elder) return;
    deps.speaker.clear();
    deps.speaker.say(t()(key, vars));
  };
  const hallState = () => deps.client.store.getState();

  // The card reminder outlives a return home: the card may still lie on the reader.
  const fresh = (): Omit<
    KioskState,
    'elder' | 'locale' | 'printer' | 'soldOut' | 'guides' | 'hasIdCardReader' | 'cardReminderUntil'
  > => ({
    screen: { name: 'home' },
    history: [],
    resident: null,
    green: null,
    greenOfferedAge: null,
    cardProblem: null,
    lastActivity: deps.now(),
  });

  const issue = async (input: CommandInput<'ticket:issue'>, matterName?: string) => {
    const s = store.getState();
    store.setState({ screen: { name: 'issuing' } });
    const ack = await deps.client.issueTicket({
      ...input,
      ...(s.resident !== null && cardHasResidentId(s.resident) && input.resident === undefined
        ? { resident: { idNumber: s.resident.idNumber, name: s.resident.name } }
        : {}),
      ...(s.green !== null && input.appointmentCode === undefined && input.checkIn === undefined
        ? { green: { reason: s.green } }
        : {}),
    });
    if (!ack.ok) {
      const n = noticeFor(ack.error);
      if (n.kind === 'quota' && input.matterId !== undefined) {
        store.setState((st) => ({ soldOut: [...new Set([...st.soldOut, input.matterId ?? ''])] }));
        n.vars.matter = matterName ?? input.matterId;
      }
      store.setState({
        screen: {
          name: 'notice',
          kind: n.kind,
          vars: n.vars,
          offerMatterId: n.offer,
          code: n.kind === 'error' ? ack.error.code : null,
        },
      });
      return;
    }
    // The ticket exists on the server now; only from here on may it be printed.
    const issued = ack.data;
    store.setState({ screen: { name: 'ticket', issued, print: { state: 'printing' } }, history: [] });
    speak('sayTicket', { number: issued.ticket.number, n: issued.position.peopleAhead });
    const hall = hallState().hall;
    const outcome = await deps.bridge.print({
      kind: 'ticket',
      ticket: {
        hallName: hall?.name ?? '',
        number: issued.ticket.number,
        matterName: issued.matterName,
        peopleAhead: issued.position.peopleAhead,
        waitText: printedWait(issued.position.estimatedWaitMin, issued.position.range),
        issuedAt: shanghaiDateTime(issued.ticket.issuedAt),
        ...(issued.ticket.resident !== null ? { residentName: issued.ticket.resident.nameMasked } : {}),
        ...(PRINT_MARK[issued.ticket.priorityClass] === undefined
          ? {}
          : { mark: PRINT_MARK[issued.ticket.priorityClass] }),
        trackUrl: deps.trackUrl(issued.ticket.id, store.getState().locale),
        footer: '请留意叫号屏和语音提示，过号请重新取号',
      },
    });
    const current = store.getState().screen;
    if (current.name !== 'ticket' || current.issued.ticket.id !== issued.ticket.id) return;
    store.setState({
      screen: {
        name: 'ticket',
        issued,
        print: outcome.ok
          ? { state: 'printed' }
          : { state: 'failed', problem: outcome.error.code, message: outcome.error.message },
      },
    });
    if (!outcome.ok) void store.getState().refreshPrinter();
  };

  const store: KioskStore = createStore<KioskState & KioskActions>()((set, get) => ({
    ...fresh(),
    elder: false,
    locale: deps.settings.locale,
    hasIdCardReader: deps.settings.hasIdCardReader,
    printer: null,
    soldOut: [],
    guides: {},
    cardReminderUntil: null,

    go(screen) {
      set((s) => ({ screen, history: [...s.history, s.screen], lastActivity: deps.now() }));
      speak(promptFor(screen));
    },
    back() {
      const h = get().history;
      const prev = h[h.length - 1];
      if (prev === undefined || prev.name === 'issuing' || prev.name === 'ticket') get().home();
      else set({ screen: prev, history: h.slice(0, -1), lastActivity: deps.now() });
    },
    home() {
      deps.speaker.clear();
      set(fresh());
    },
    touch() {
      set({ lastActivity: deps.now() });
    },
    checkIdle() {
      const s = get();
      if (s.cardReminderUntil !== null && deps.now() >= s.cardReminderUntil) set({ cardReminderUntil: null });
      const busy =
        s.screen.name === 'issuing' || (s.screen.name === 'ticket' && s.screen.print.state === 'printing');
      const idle = deps.now() - s.lastActivity >= deps.settings.idleSeconds * 1_000;
      if (busy || !idle || (s.screen.name === 'home' && s.resident === null && s.green === null))
        return false;
      get().home();
      return true;
    },
    toggleElder() {
      set((s) => ({ elder: !s.elder, lastActivity: deps.now() }));
      speak(promptFor(get().screen));
    },
    toggleLocale() {
      set((s) => ({ locale: s.locale === 'zh-CN' ? 'en' : 'zh-CN', lastActivity: deps.now() }));
    },

    onCard(event) {
      const s = get();
      if (s.screen.name === 'issuing' || s.screen.name === 'ticket') return;
      set({ lastActivity: deps.now() });
      if (event.type === 'cardError') {
        set({ cardProblem: 'failed' });
        if (s.screen.name !== 'card') get().go({ name: 'card', purpose: 'ticket' });
        return;
      }
      const card = event.card;
      const day = serviceDayOf(deps.now());
      // Whatever the card is good for, it must not be left on the reader.
      set({ cardReminderUntil: deps.now() + CARD_REMINDER_MS });
      speak('sayTakeCard');
      const purpose: CardPurpose = s.screen.name === 'card' ? s.screen.purpose : 'ticket';
      if (!cardHasResidentId(card) || cardExpired(card, day)) {
        set({ cardProblem: cardExpired(card, day) ? 'expired' : 'noId', resident: null });
        if (s.screen.name !== 'card') get().go({ name: 'card', purpose });
        return;
      }
      const greenAge = hallState().hall?.rules.greenAge ?? GREEN_AGE_DEFAULT;
      const age = ageOn(card.birthDate, day);
      const offered = age >= greenAge;
      set({
        resident: card,
        cardProblem: null,
        green: offered ? 'elderly' : s.green,
        greenOfferedAge: offered ? greenAge : null,
      });
      if (purpose === 'checkIn') {
        void issue({ checkIn: true, resident: { idNumber: card.idNumber, name: card.name } });
        return;
      }
      if (s.screen.name !== 'categories' && s.screen.name !== 'matters' && s.screen.name !== 'search') {
        get().go({ name: 'categories' });
      }
    },

    async takeNumber(matterId, anyway = false) {
      const matter = hallState().matters.find((m) => m.id === matterId);
      const load = hallState().stats?.matters.find((l) => l.matterId === matterId);
      if (!anyway && load !== undefined && load.windowsServing === 0) {
        get().go({ name: 'noWindow', matterId });
        return;
      }
      await issue(
        { matterId },
        matter === undefined ? undefined : localized(get().locale, matter.name, matter.nameEn),
      );
    },
    async checkInWithCode(code) {
      await issue({ appointmentCode: code.trim() });
    },
    chooseGreen(reason) {
      set({
        green: reason,
        greenOfferedAge: reason === null ? null : get().greenOfferedAge,
        lastActivity: deps.now(),
      });
    },
    async openGuide(matterId) {
      get().go({ name: 'guide', matterId });
      if (typeof get().guides[matterId] === 'object') return;
      const hallId = hallState().hall?.id ?? null;
      try {
        if (hallId === null) throw new Error('not connected');
        const matter = await deps.fetchGuide(hallId, matterId);
        set((s) => ({ guides: { ...s.guides, [matterId]: matter } }));
      } catch {
        set((s) => ({ guides: { ...s.guides, [matterId]: 'failed' } }));
      }
    },
    async refreshPrinter() {
      if (!deps.settings.hasPrinter) return;
      try {
        set({ printer: await deps.bridge.printerStatus() });
      } catch {
        set({ printer: { ready: false, problem: 'disconnected', paperNearEnd: false, message: 'bridge' } });
      }
    },
  }));
  return store;
}
