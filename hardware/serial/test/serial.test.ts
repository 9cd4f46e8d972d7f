import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair, SerialError, SerialLink } from '../src/index.js';

let dir: string;
let pairs: PtyPair[];
let links: SerialLink[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'onewindow-serial-'));
  pairs = [];
  links = [];
});
afterEach(async () => {
  for (const l of links) await l.close();
  for (const p of pairs) await p.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pair(): Promise<PtyPair> {
  const p = await openPtyPair(join(dir, 'device'), join(dir, 'host'));
  pairs.push(p);
  return p;
}
async function link(
  path: string,
  extra: Partial<Parameters<typeof SerialLink.open>[0]> = {},
): Promise<SerialLink> {
  const l = await SerialLink.open({ path, watchMs: 50, reconnect: { initialMs: 20, maxMs: 100 }, ...extra });
  links.push(l);
  return l;
}
const nextData = (l: SerialLink) =>
  new Promise<Uint8Array>((resolve) => {
    const off = l.on('data', (d) => {
      off();
      resolve(d);
    });
  });

describe('serial link over socat PTYs', () => {
  it('carries bytes both ways', async () => {
    const p = await pair();
    const host = await link(p.b);
    const device = await link(p.a);
    const got = nextData(device);
    await host.write(Uint8Array.of(0x1b, 0x40, 0xe4, 0xb8));
    expect([...(await got)]).toEqual([0x1b, 0x40, 0xe4, 0xb8]);
  });

  it('opens a port exclusively and names a missing one', async () => {
    const p = await pair();
    await link(p.b);
    await expect(SerialLink.open({ path: p.b })).rejects.toMatchObject({ code: 'busy' });
    await expect(SerialLink.open({ path: join(dir, 'nothing') })).rejects.toMatchObject({ code: 'notFound' });
  });

  it('answers a request with the first complete response, and times out when none comes', async () => {
    const p = await pair();
    const host = await link(p.b);
    const device = await link(p.a);
    device.on('data', (d) => {
      // Answer in two pieces, as slow devices do.
      if (d[0] === 0x10)
        void device.write(Uint8Array.of(0xaa)).then(() => device.write(Uint8Array.of(0xbb, 0xcc)));
    });
    let seen: number[] = [];
    const answer = await host.request(
      Uint8Array.of(0x10),
      (chunk) => {
        seen = [...seen, ...chunk];
        return seen.length >= 3 ? seen : undefined;
      },
      2_000,
    );
    expect(answer).toEqual([0xaa, 0xbb, 0xcc]);
    const err = await host.request(Uint8Array.of(0x99), () => undefined, 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SerialError);
    expect(err).toMatchObject({ code: 'timeout' });
  });

  it('reports an unplug mid-request and reconnects when the device comes back', async () => {
    const p = await pair();
    const host = await link(p.b);
    const lost = new Promise<SerialError>((resolve) => host.on('disconnect', resolve));
    const pending = host.request(Uint8Array.of(0x01), () => undefined, 5_000).catch((e: unknown) => e);
    await p.close();
    expect(await lost).toMatchObject({ code: 'disconnected' });
    expect(await pending).toMatchObject({ code: 'disconnected' });
    await expect(host.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'disconnected' });

    const reopened = new Promise<void>((resolve) => host.on('open', resolve));
    const again = await pair();
    await reopened;
    expect(host.isOpen).toBe(true);
    const device = await link(again.a);
    const got = nextData(device);
    await host.write(Uint8Array.of(0x42));
    expect([...(await got)]).toEqual([0x42]);
  });

  it('refuses writes after close', async () => {
    const p = await pair();
    const host = await link(p.b);
    await host.close();
    await expect(host.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'closed' });
  });
});
