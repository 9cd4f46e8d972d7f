import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useHalls } from './helpers.js';

const halls = useHalls();

describe('closing the hall server', () => {
  it('ends even when a client holds a connection open (a half-sent request, a late reconnect)', async () => {
    const hall = await halls.start();
    const { port } = new URL(hall.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // Headers never finished: not an idle connection, so a plain server close would wait for it.
    socket.write('GET /health HTTP/1.1\r\nHost: hall\r\n');
    const closedByServer = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const started = Date.now();
    await hall.stop();
    await closedByServer;
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
