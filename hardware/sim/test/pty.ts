import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPtyPair, type PtyPair, SerialLink } from '@onewindow/serial';
import { afterEach, beforeEach } from 'vitest';

export interface PtyDevice<D> {
  pair: PtyPair;
  /** The virtual device on one end. */
  device: D;
  /** The host's link on the other end, where drivers talk. */
  host: SerialLink;
}

/**
 * A fresh PTY pair per test with a virtual device on one end and a host link on the other; every port
 * is closed and the pair removed after the test, whatever happened in it.
 */
export function usePtyDevice<D extends { close(): Promise<void> }>(
  name: string,
  open: (path: string) => Promise<D>,
): PtyDevice<D> {
  const ctx = {} as PtyDevice<D>;
  let dir = '';
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), `onewindow-${name}-`));
    ctx.pair = await openPtyPair(join(dir, name), join(dir, 'host'));
    ctx.device = await open(ctx.pair.a);
    ctx.host = await SerialLink.open({ path: ctx.pair.b, watchMs: 50, reconnect: false });
  });
  afterEach(async () => {
    await ctx.host.close();
    await ctx.device.close();
    await ctx.pair.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return ctx;
}
