/** The part of a Socket.IO client socket that reconnecting needs. */
export interface ReconnectableSocket {
  readonly active: boolean;
  connect(): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'connect', listener: () => void): unknown;
  off(event: 'disconnect' | 'connect', listener: (...args: never[]) => void): unknown;
}

const DEFAULT_DELAY = { min: 500, max: 15_000 };

/**
 * Socket.IO reconnects by itself after a lost transport, but not after the server ends the session
 * ("io server disconnect"), which older servers and proxies do on shutdown. A hall screen must never
 * wait for someone to reload it, so this reconnects then too, with exponential back-off and jitter so
 * a hall's screens do not all knock at once. Returns a function that stops it (the client closing).
 */
export function keepReconnecting(
  socket: ReconnectableSocket,
  delay: { min: number; max: number } = DEFAULT_DELAY,
  random: () => number = Math.random,
): () => void {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const schedule = () => {
    const base = Math.min(delay.max, delay.min * 2 ** attempt);
    attempt++;
    timer = setTimeout(
      () => {
        timer = undefined;
        // A manager that already reconnects (transport closed) needs no push.
        if (!stopped && !socket.active) socket.connect();
      },
      base / 2 + random() * (base / 2),
    );
  };
  const onDisconnect = (reason: string) => {
    if (reason === 'io server disconnect' && !stopped) schedule();
  };
  const onConnect = () => {
    attempt = 0;
  };
  socket.on('disconnect', onDisconnect);
  socket.on('connect', onConnect);
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    socket.off('disconnect', onDisconnect);
    socket.off('connect', onConnect);
  };
}
