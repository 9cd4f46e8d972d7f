import type { CommandInput, HallClient, HallClientState, MutatingCommand } from '@onewindow/client';
import type { Matter, Notice, PauseReason, Window, WindowFigures } from '@onewindow/domain';
import type { Ack, CommandResult } from '@onewindow/protocol';
import { createStore, type StoreApi } from 'zustand/vanilla';

export type Dialog = 'transfer' | 'pause' | 'notice' | 'unresolved' | null;

export interface WindowClientState {
  windowId: string;
  staff: { id: string; name: string } | null;
  busy: boolean;
  /** The last refusal or confirmation, shown until the next action. */
  message: { kind: 'error' | 'info'; text: string } | null;
  figures: WindowFigures | null;
  dialog: Dialog;
  /** Materials the clerk ticked as received, for the current ticket. */
  received: Record<string, boolean>;
  guide: Matter | null;
  notice: Notice | null;
}

export interface WindowClientActions {
  login(staffId: string, pin: string): Promise<boolean>;
  logout(): Promise<void>;
  callNext(): Promise<void>;
  call(ticketId: string): Promise<void>;
  /** recall, noShow, start or finish of the current ticket. */
  act(action: 'recall' | 'noShow' | 'start' | 'finish'): Promise<void>;
  transfer(to: { matterId: string } | { windowId: string }, note: string): Promise<void>;
  pause(reason: PauseReason): Promise<void>;
  resume(): Promise<void>;
  setAutoCall(on: boolean): Promise<void>;
  toggleReceived(material: string): void;
  issueNotice(missing: string[], note: string): Promise<void>;
  recordUnresolved(input: {
    request: string;
    reason: string;
    contactName: string;
    contactPhone: string;
  }): Promise<boolean>;
  refreshFigures(): Promise<void>;
  openDialog(dialog: Dialog): void;
}

export type WindowClientStore = StoreApi<WindowClientState & WindowClientActions>;

export interface WindowClientDeps {
  client: Pick<HallClient, 'command' | 'store'>;
  windowId: string;
  fetchGuide: (hallId: string, matterId: string) => Promise<Matter>;
}

const currentWindow = (h: HallClientState, id: string): Window | undefined => h.windows[id];

export function createWindowClientStore(deps: WindowClientDeps): WindowClientStore {
  const { client, windowId } = deps;
  const store: WindowClientStore = createStore<WindowClientState & WindowClientActions>()((set, get) => {
    /** Sends one command for this window; a refusal is shown with its code and message. */
    const run = async <K extends MutatingCommand>(
      name: K,
      payload: CommandInput<K>,
      done?: string,
    ): Promise<Ack<CommandResult<K>>> => {
      set({ busy: true, message: null });
      const ack = await client.command(name, payload);
      set({
        busy: false,
        message: ack.ok
          ? done === undefined
            ? null
            : { kind: 'info', text: done }
          : { kind: 'error', text: `${ack.error.message}（${ack.error.code}）` },
      });
      return ack;
    };
    const currentTicketId = () => currentWindow(client.store.getState(), windowId)?.currentTicketId ?? null;
    const onTicket = async (
      name: 'ticket:recall' | 'ticket:noShow' | 'ticket:start' | 'ticket:finish',
      done?: string,
    ) => {
      const ticketId = currentTicketId();
      if (ticketId === null) return;
      const ack = await run(name, { windowId, ticketId }, done);
      if (ack.ok && (name === 'ticket:finish' || name === 'ticket:noShow')) {
        set({ received: {}, notice: null });
        void get().refreshFigures();
      }
    };
    return {
      windowId,
      staff: null,
      busy: false,
      message: null,
      figures: null,
      dialog: null,
      received: {},
      guide: null,
      notice: null,

      async login(staffId, pin) {
        const ack = await run('window:open', {
          windowId,
          staffId: staffId.trim(),
          ...(pin === '' ? {} : { pin }),
        });
        if (!ack.ok) return false;
        set({ staff: ack.data.staff });
        void get().refreshFigures();
        return true;
      },
      async logout() {
        const ack = await run('window:close', { windowId });
        if (ack.ok) set({ staff: null, figures: null, dialog: null });
      },
      async callNext() {
        await run('ticket:callNext', { windowId });
      },
      async call(ticketId) {
        await run('ticket:call', { windowId, ticketId });
      },
      async act(action) {
        const names = {
          recall: 'ticket:recall',
          noShow: 'ticket:noShow',
          start: 'ticket:start',
          finish: 'ticket:finish',
        } as const;
        await onTicket(names[action]);
      },
      async transfer(to, note) {
        const ticketId = currentTicketId();
        if (ticketId === null) return;
        const ack = await run('ticket:transfer', {
          windowId,
          ticketId,
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
        const ticketId = currentTicketId();
        if (ticketId === null) return;
        const ack = await run('notice:issue', {
          windowId,
          ticketId,
          missing,
          ...(note.trim() === '' ? {} : { note: note.trim() }),
        });
        if (ack.ok) set({ notice: ack.data.notice });
      },
      async recordUnresolved(input) {
        const ticketId = currentTicketId();
        const ack = await run(
          'unresolved:record',
          {
            windowId,
            ...(ticketId === null ? {} : { ticketId }),
            request: input.request,
            reason: input.reason,
            ...(input.contactName.trim() === '' ? {} : { contactName: input.contactName.trim() }),
            ...(input.contactPhone.trim() === '' ? {} : { contactPhone: input.contactPhone.trim() }),
          },
          '已登记办不成事，将由专人跟进',
        );
        if (ack.ok) set({ dialog: null });
        return ack.ok;
      },
      async refreshFigures() {
        const ack = await client.command('window:today', { windowId });
        if (ack.ok) set({ figures: ack.data });
      },
      openDialog(dialog) {
        set({ dialog, message: null, ...(dialog === 'notice' ? { notice: null } : {}) });
      },
    };
  });

  // Follow the current ticket's matter guide; a new ticket starts with nothing ticked.
  let guideFor: string | null = null;
  let ticketSeen: string | null = null;
  client.store.subscribe((h) => {
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
  });
  return store;
}
