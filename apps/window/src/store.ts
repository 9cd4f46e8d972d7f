import type { CommandInput, HallClient, HallClientState, MutatingCommand } from '@onewindow/client';
import type { Matter, Notice, PauseReason, Window, WindowFigures } from '@onewindow/domain';
import type { Ack, AckError, CommandResult, StaffAssessment } from '@onewindow/protocol';
import type { Locale, Vars } from '@onewindow/ui';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageKey } from './messages.js';

export type Dialog =
  | 'transfer'
  | 'pause'
  | 'notice'
  | 'unresolved'
  | 'noShow'
  | 'reprint'
  | 'onBehalf'
  | null;

/** The last refusal (translated by its code when shown) or confirmation, until the next action. */
export type Message = { kind: 'error'; error: AckError } | { kind: 'info'; key: MessageKey; vars?: Vars };

export interface WindowClientState {
  windowId: string;
  locale: Locale;
  busy: boolean;
  message: Message | null;
  figures: WindowFigures | null;
  /** 考勤考核: the signed-in clerk's month, when asked for. */
  month: StaffAssessment | null;
  dialog: Dialog;
  /** Materials the clerk ticked as received, for the current ticket. */
  received: Record<string, boolean>;
  guide: Matter | null;
  notice: Notice | null;
  /** The no-show this window may still take back, until the hall's undo period ends. */
  undo: { ticketId: string; number: string; until: number } | null;
}

export interface WindowClientActions {
  login(staffId: string, pin: string): Promise<boolean>;
  logout(): Promise<void>;
  callNext(): Promise<void>;
  call(ticketId: string): Promise<void>;
  /** recall, start or finish of the current ticket (a no-show goes through confirmNoShow). */
  act(action: 'recall' | 'start' | 'finish'): Promise<void>;
  /** Marks the current ticket a no-show after the clerk confirmed it. */
  confirmNoShow(): Promise<void>;
  /** Takes back the last no-show (the resident arrived just after). */
  undoNoShow(): Promise<void>;
  transfer(to: { matterId: string } | { windowId: string }, note: string): Promise<void>;
  pause(reason: PauseReason): Promise<void>;
  resume(): Promise<void>;
  setAutoCall(on: boolean): Promise<void>;
  toggleReceived(material: string): void;
  issueNotice(missing: string[], note: string): Promise<void>;
  /** Prints on the window's printer: the issued notice, or a ticket again (补打号票). */
  print(
    document: { kind: 'notice'; noticeId: string } | { kind: 'ticket'; ticketId: string },
  ): Promise<boolean>;
  recordUnresolved(input: {
    request: string;
    reason: string;
    contactName: string;
    contactPhone: string;
    /** 多级联办: also send the case to the hall above this one. */
    forward?: boolean;
  }): Promise<boolean>;
  /** 村级代办: takes a number for a resident who cannot use a kiosk (or where there is none). */
  issueOnBehalf(matterId: string): Promise<boolean>;
  refreshFigures(): Promise<void>;
  /** Loads the clerk's month so far (Beijing calendar month). */
  loadMonth(now?: number): Promise<void>;
  openDialog(dialog: Dialog): void;
  toggleLocale(): void;
  /** Forgets an undo whose time is up. */
  tick(): void;
}

export type WindowClientStore = StoreApi<WindowClientState & WindowClientActions>;

export interface WindowClientDeps {
  client: Pick<HallClient, 'command' | 'store'>;
  windowId: string;
  locale?: Locale;
  now?: () => number;
  fetchGuide: (hallId: string, matterId: string) => Promise<Matter>;
  /** Remembers the language chosen on this device. */
  saveLocale?: (locale: Locale) => void;
}

const currentWindow = (h: HallClientState, id: string): Window | undefined => h.windows[id];

export function createWindowClientStore(deps: WindowClientDeps): WindowClientStore {
  const { client, windowId } = deps;
  const now = deps.now ?? Date.now;
  const store: WindowClientStore = createStore<WindowClientState & WindowClientActions>()((set, get) => {
    /** Sends one command for this window; a refusal is kept by its code for the screen to explain. */
    const run = async <K extends MutatingCommand>(
      name: K,
      payload: CommandInput<K>,
      done?: Message,
    ): Promise<Ack<CommandResult<K>>> => {
      set({ busy: true, message: null });
      const ack = await client.command(name, payload);
      set({ busy: false, message: ack.ok ? (done ?? null) : { kind: 'error', error: ack.error } });
      return ack;
    };
    const currentTicket = () => {
      const h = client.store.getState();
      const id = currentWindow(h, windowId)?.currentTicketId ?? null;
      return id === null ? undefined : h.tickets[id];
    };
    const afterLeave = () => {
      set({ received: {}, notice: null });
      void get().refreshFigures();
    };
    return {
      windowId,
      locale: deps.locale ?? 'zh-CN',
      busy: false,
      message: null,
      figures: null,
      month: null,
      dialog: null,
      received: {},
      guide: null,
      notice: null,
      undo: null,

      async login(staffId, pin) {
        const ack = await run('window:open', {
          windowId,
          staffId: staffId.trim(),
          ...(pin === '' ? {} : { pin }),
        });
        if (!ack.ok) return false;
        void get().refreshFigures();
        return true;
      },
      async logout() {
        const ack = await run('window:close', { windowId });
        if (ack.ok) set({ figures: null, dialog: null, undo: null });
      },
      async callNext() {
        const ack = await run('ticket:callNext', { windowId });
        if (ack.ok) set({ undo: null });
      },
      async call(ticketId) {
        const ack = await run('ticket:call', { windowId, ticketId });
        if (ack.ok) set({ undo: null });
      },
      async act(action) {
        const ticket = currentTicket();
        if (ticket === undefined) return;
        const names = { recall: 'ticket:recall', start: 'ticket:start', finish: 'ticket:finish' } as const;
        const ack = await run(names[action], { windowId, ticketId: ticket.id });
        if (ack.ok && (action === 'finish' || ack.data.ticket.status === 'noShow')) afterLeave();
      },
      async confirmNoShow() {
        const ticket = currentTicket();
        if (ticket === undefined) return;
        const ack = await run('ticket:noShow', { windowId, ticketId: ticket.id });
        if (!ack.ok) return;
        const minutes = client.store.getState().hall?.rules.undoNoShowMin ?? 5;
        set({
          dialog: null,
          undo:
            minutes > 0 && ack.data.next === null
              ? { ticketId: ticket.id, number: ticket.number, until: now() + minutes * 60_000 }
              : null,
        });
        afterLeave();
      },
      async undoNoShow() {
        const undo = get().undo;
        if (undo === null) return;
        const ack = await run(
          'ticket:restore',
          { windowId, ticketId: undo.ticketId },
          { kind: 'info', key: 'restored', vars: { number: undo.number } },
        );
        if (ack.ok || ack.error.code === 'UNDO_TOO_LATE') set({ undo: null });
      },
      async transfer(to, note) {
        const ticket = currentTicket();
        if (ticket === undefined) return;
        const ack = await run('ticket:transfer', {
          windowId,
          ticketId: ticket.id,
          to,
          ...(note.trim() === '' ? {} : { note: note.trim() }),
        });
        if (ack.ok) set({ dialog: null, received: {} });
      },
      async pause(reason) {
        const ack = await run('window:pause', { windowId, reason });
        if (ack.ok) set({ dialog: null });
      },
      async resume() {
        await run('window:resume', { windowId });
      },
      async setAutoCall(on) {
        await run('window:autoCall', { windowId, autoCall: on });
      },
      toggleReceived(material) {
        set((s) => ({ received: { ...s.received, [material]: !s.received[material] } }));
      },
      async issueNotice(missing, note) {
        const ticket = currentTicket();
        if (ticket === undefined) return;
        const ack = await run('notice:issue', {
          windowId,
          ticketId: ticket.id,
          missing,
          ...(note.trim() === '' ? {} : { note: note.trim() }),
        });
        if (ack.ok) set({ notice: ack.data.notice });
      },
      async print(document) {
        const ack = await run('window:print', { windowId, document }, { kind: 'info', key: 'printed' });
        return ack.ok;
      },
      async recordUnresolved(input) {
        const ticket = currentTicket();
        const ack = await run(
          'unresolved:record',
          {
            windowId,
            ...(ticket === undefined ? {} : { ticketId: ticket.id }),
            request: input.request,
            reason: input.reason,
            ...(input.contactName.trim() === '' ? {} : { contactName: input.contactName.trim() }),
            ...(input.contactPhone.trim() === '' ? {} : { contactPhone: input.contactPhone.trim() }),
          },
          { kind: 'info', key: 'unresolvedDone' },
        );
        if (!ack.ok) return false;
        set({ dialog: null });
        const parent = client.store.getState().hall?.parentId;
        if (input.forward !== true || parent === undefined) return true;
        const up = await run(
          'unresolved:forward',
          { windowId, caseId: ack.data.case.id, toHallId: parent },
          { kind: 'info', key: 'unresolvedForwarded', vars: { hall: parent } },
        );
        return up.ok;
      },
      async issueOnBehalf(matterId) {
        const ack = await run('ticket:issue', { matterId });
        if (!ack.ok) return false;
        set({
          dialog: null,
          message: { kind: 'info', key: 'onBehalfDone', vars: { number: ack.data.ticket.number } },
        });
        return true;
      },
      async loadMonth(now = Date.now()) {
        const month = new Date(now + 8 * 3_600_000).toISOString().slice(0, 7);
        const ack = await client.command('window:month', { windowId, month });
        if (ack.ok) set({ month: ack.data });
        else set({ message: { kind: 'error', error: ack.error } });
      },
      async refreshFigures() {
        const ack = await client.command('window:today', { windowId });
        if (ack.ok) set({ figures: ack.data });
      },
      openDialog(dialog) {
        set({ dialog, message: null, ...(dialog === 'notice' ? { notice: null } : {}) });
      },
      toggleLocale() {
        const locale = get().locale === 'zh-CN' ? 'en' : 'zh-CN';
        set({ locale });
        deps.saveLocale?.(locale);
      },
      tick() {
        const undo = get().undo;
        if (undo !== null && now() >= undo.until) set({ undo: null });
      },
    };
  });

  // Follow the current ticket's matter guide; a new ticket starts with nothing ticked. Run once now
  // too, so a page reloaded in the middle of a service shows its checklist again.
  let guideFor: string | null = null;
  let ticketSeen: string | null = null;
  const follow = (h: HallClientState) => {
    const w = currentWindow(h, windowId);
    const ticket = w?.currentTicketId === null || w === undefined ? undefined : h.tickets[w.currentTicketId];
    if ((ticket?.id ?? null) !== ticketSeen) {
      ticketSeen = ticket?.id ?? null;
      store.setState({ received: {}, notice: null });
    }
    const matterId = ticket?.matterId ?? null;
    if (matterId === guideFor) return;
    guideFor = matterId;
    if (matterId === null || h.hall === null) return;
    deps.fetchGuide(h.hall.id, matterId).then(
      (guide) => {
        if (guideFor === matterId) store.setState({ guide });
      },
      () => store.setState({ guide: null }),
    );
  };
  follow(client.store.getState());
  client.store.subscribe(follow);
  return store;
}
