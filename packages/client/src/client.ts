import type {
  Ack,
  ClientToServerEvents,
  CommandName,
  CommandPayload,
  CommandResult,
  HallSnapshot,
  ServerToClientEvents,
} from '@onewindow/protocol';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { keepReconnecting } from './reconnect.js';
import { applyBatch, applySnapshot, classifyBatch, type HallClientState, initialState } from './state.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type MutatingCommand = Exclude<CommandName, 'hall:snapshot'>;
/** A command's payload; the client adds the request id unless the caller brings one. */
export type CommandInput<K extends MutatingCommand> = Omit<CommandPayload<K>, 'requestId'> & {
  requestId?: string;
};

export interface HallClientOptions {
  url: string;
  /** A device's token; without one the console's session cookie and `hallId` say who connects. */
  token?: string;
  /** The hall a person in the console works on. */
  hallId?: string;
  /** Reported to the server (the console lists each device's version). */
  clientVersion?: string;
  /** How long to wait for each answer before retrying with the same request id. Default 5 s. */
  commandTimeoutMs?: number;
  /** Retries after a time-out; a retry can never apply the command twice. Default 2. */
  retries?: number;
  socket?: Partial<ManagerOptions & SocketOptions>;
  /** Back-off after the server itself ended the session (restart, deploy): first and longest wait. */
  reconnectDelayMs?: { min: number; max: number };
}

export interface HallClient {
  readonly store: StoreApi<HallClientState>;
  readonly socket: ClientSocket;
  command<K extends MutatingCommand>(name: K, payload: CommandInput<K>): Promise<Ack<CommandResult<K>>>;
  issueTicket(payload: CommandInput<'ticket:issue'>): Promise<Ack<CommandResult<'ticket:issue'>>>;
  callNext(windowId: string): Promise<Ack<CommandResult<'ticket:callNext'>>>;
  /** Fetches a fresh snapshot and replaces the state with it. */
  resync(): Promise<void>;
  /** Resolves with the first state that satisfies the predicate. */
  waitFor(predicate: (s: HallClientState) => boolean, timeoutMs?: number): Promise<HallClientState>;
  close(): void;
}

type Emitter = {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
};

/** How soon a snapshot that was not answered (or refused) is asked for again. */
const RESYNC_RETRY_MS = 1_000;

const newRequestId = (): string => globalThis.crypto.randomUUID();

/** The typed hall client every UI uses: one socket, one vanilla store, promise-returning commands. */
export function createHallClient(options: HallClientOptions): HallClient {
  const store = createStore<HallClientState>(() => initialState());
  const socket: ClientSocket = io(options.url, {
    auth:
      options.token !== undefined
        ? {
            token: options.token,
            ...(options.clientVersion === undefined ? {} : { version: options.clientVersion }),
          }
        : { hallId: options.hallId ?? '' },
    transports: ['websocket'],
    ...options.socket,
  });
  const timeoutMs = options.commandTimeoutMs ?? 5_000;
  const retries = options.retries ?? 2;
  const emitter = socket as unknown as Emitter;

  let resyncing: Promise<void> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const resync = (): Promise<void> => {
    resyncing ??= (async () => {
      let synced = false;
      try {
        const ack = (await emitter.timeout(timeoutMs).emitWithAck('hall:snapshot', {})) as Ack<HallSnapshot>;
        if (ack.ok) {
          store.setState((s) => ({ ...applySnapshot(s, ack.data), resyncs: s.resyncs + 1 }));
          synced = true;
        }
      } catch {
        // Not answered in time: retried below.
      } finally {
        resyncing = undefined;
      }
      // A state known to be behind must not wait for the next event: a quiet hall may send none for
      // minutes, and the screen would show a stale queue all that time. A reconnect resyncs anyway.
      if (!synced && !closed && socket.connected && retryTimer === undefined) {
        retryTimer = setTimeout(() => {
          retryTimer = undefined;
          void resync();
        }, RESYNC_RETRY_MS);
      }
    })();
    return resyncing;
  };

  socket.on('connect', () => store.setState({ connection: 'connected', lastError: null, authFailure: null }));
  socket.on('disconnect', (reason) => store.setState({ connection: 'disconnected', lastError: reason }));
  const stopReconnecting = keepReconnecting(socket, options.reconnectDelayMs);
  socket.on('connect_error', (err) => {
    const data = (
      err as Error & { data?: { code?: string; message?: string; details?: { reason?: unknown } } }
    ).data;
    const unauthorized = data?.code === 'UNAUTHENTICATED';
    const reason = data?.details?.reason;
    store.setState({
      connection: unauthorized ? 'unauthorized' : 'disconnected',
      lastError: data?.message ?? err.message,
      authFailure: !unauthorized ? null : reason === 'revoked' || reason === 'session' ? reason : 'unknown',
    });
  });
  socket.on('hall:snapshot', (snapshot) => store.setState((s) => applySnapshot(s, snapshot)));
  socket.on('hall:events', (batch) => {
    const outcome = classifyBatch(store.getState(), batch);
    if (outcome === 'applied') {
      store.setState((s) => applyBatch(s, batch));
      if (batch.events.some((e) => e.type === 'hall:configured')) void resync();
    } else if (outcome === 'gap') void resync();
  });
  socket.on('hall:stats', (m) => store.setState({ stats: m.stats, dispatch: m.dispatch }));

  async function command<K extends MutatingCommand>(
    name: K,
    payload: CommandInput<K>,
  ): Promise<Ack<CommandResult<K>>> {
    const body = { ...payload, requestId: payload.requestId ?? newRequestId() };
    for (let attempt = 0; ; attempt++) {
      // Never queue a command while offline: a kiosk must not print a ticket the server has not confirmed.
      if (!socket.connected) {
        return { ok: false, error: { code: 'DISCONNECTED', message: 'not connected to the hall server' } };
      }
      try {
        return (await emitter.timeout(timeoutMs).emitWithAck(name, body)) as Ack<CommandResult<K>>;
      } catch {
        if (attempt >= retries) {
          return {
            ok: false,
            error: {
              code: 'TIMEOUT',
              message: `no answer to ${name} after ${attempt + 1} attempts; retry with request id ${body.requestId}`,
            },
          };
        }
      }
    }
  }

  return {
    store,
    socket,
    command,
    issueTicket: (payload) => command('ticket:issue', payload),
    callNext: (windowId) => command('ticket:callNext', { windowId }),
    resync,
    waitFor(predicate, waitMs = 5_000) {
      return new Promise((resolve, reject) => {
        if (predicate(store.getState())) {
          resolve(store.getState());
          return;
        }
        const timer = setTimeout(() => {
          unsubscribe();
          reject(new Error(`state condition not reached within ${waitMs} ms`));
        }, waitMs);
        const unsubscribe = store.subscribe((s) => {
          if (!predicate(s)) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(s);
        });
      });
    },
    close: () => {
      closed = true;
      clearTimeout(retryTimer);
      stopReconnecting();
      socket.close();
    },
  };
}
