#!/usr/bin/env node
/**
 * A client process of the benchmark: it holds sockets (kiosks, windows, displays) and runs what the
 * orchestrator asks over IPC, timing every answer and every message received. Clients never run in
 * the server's process, so what is measured is what a device on the LAN would see.
 */
import { Agent, request } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { nowMs } from './stats.js';

export interface SocketSpec {
  id: string;
  auth: Record<string, string>;
  localAddress: string;
  /** Record the calls this socket receives. */
  listen: boolean;
}

export interface IssueTarget {
  socket: string;
  payloads: Record<string, unknown>[];
}

export type Task =
  | { kind: 'connect'; url: string; server: 'ours' | 'raw'; sockets: SocketSpec[] }
  | {
      kind: 'issue';
      server: 'ours' | 'raw';
      /** Kiosks taken in turn, each with what it may issue (its own hall's matters). */
      targets: IssueTarget[];
      /** Offered rate (per second, open loop) or, with `concurrency`, as fast as answers come. */
      rate?: number;
      concurrency?: number;
      durationMs?: number;
      count?: number;
    }
  | {
      kind: 'calls';
      server: 'ours' | 'raw';
      windows: { socket: string; windowId: string; room: string }[];
      perWindowPerSec: number;
      durationMs: number;
      size: number;
    }
  | { kind: 'command'; socket: string; name: string; payload: Record<string, unknown> }
  | {
      kind: 'snapshots';
      socket: string;
      rate: number;
      durationMs: number;
      /** Another message to send instead of hall:snapshot (a command flood), with its payload. */
      event?: string;
      payload?: Record<string, unknown>;
    }
  | { kind: 'http'; url: string; localAddress: string; concurrency: number; durationMs: number }
  | { kind: 'receipts' }
  | { kind: 'close' };

const sockets = new Map<string, Socket>();
/** Arrival times of each call (by ticket id or trigger id), one per listening socket. */
let receipts = new Map<string, number[]>();
let sampleSize = 0;
let rid = 0;
const requestId = () => `bench-${process.pid}-${++rid}`;

function record(marker: string): void {
  const t = nowMs();
  let list = receipts.get(marker);
  if (list === undefined) {
    list = [];
    receipts.set(marker, list);
  }
  list.push(t);
}

async function connectOne(url: string, server: 'ours' | 'raw', spec: SocketSpec): Promise<boolean> {
  const options = {
    transports: ['websocket'],
    reconnection: false,
    auth: spec.auth,
    localAddress: spec.localAddress,
    timeout: 20_000,
  } as Parameters<typeof io>[1];
  const socket = io(url, options);
  sockets.set(spec.id, socket);
  if (spec.listen) {
    if (server === 'ours') {
      socket.on('hall:events', (b: { events: { type: string; call?: { ticketId: string } }[] }) => {
        for (const e of b.events)
          if (e.type === 'ticket:called' && e.call !== undefined) record(e.call.ticketId);
        if (sampleSize === 0 && b.events.some((e) => e.type === 'ticket:called'))
          sampleSize = JSON.stringify(b).length;
      });
    } else {
      socket.on('msg', (m: { id: string }) => record(m.id));
    }
  }
  return new Promise((resolve) => {
    const ready = server === 'ours' ? 'hall:snapshot' : 'connect';
    socket.once(ready, () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  });
}

async function ack(
  socket: Socket,
  name: string,
  payload: unknown,
): Promise<{ ok: boolean; code?: string; data?: unknown }> {
  try {
    const r = (await socket.timeout(30_000).emitWithAck(name, payload)) as {
      ok: boolean;
      error?: { code: string };
      data?: unknown;
    };
    return r.ok ? { ok: true, data: r.data } : { ok: false, code: r.error?.code ?? 'UNKNOWN' };
  } catch {
    return { ok: false, code: 'TIMEOUT' };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function issue(task: Extract<Task, { kind: 'issue' }>) {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const list = task.targets.map((t) => ({ socket: sockets.get(t.socket)!, payloads: t.payloads }));
  let k = 0;
  const one = async () => {
    const i = k++;
    const target = list[i % list.length]!;
    const socket = target.socket;
    const payload = target.payloads[Math.floor(i / list.length) % target.payloads.length]!;
    const t0 = nowMs();
    const r = await ack(socket, task.server === 'ours' ? 'ticket:issue' : 'issue', {
      ...payload,
      ...(task.server === 'ours' ? { requestId: requestId() } : {}),
    });
    if (r.ok) latencies.push(nowMs() - t0);
    else errors[r.code ?? 'UNKNOWN'] = (errors[r.code ?? 'UNKNOWN'] ?? 0) + 1;
  };
  const start = nowMs();
  const end = start + (task.durationMs ?? Number.POSITIVE_INFINITY);
  const count = task.count ?? Number.POSITIVE_INFINITY;
  const pending: Promise<void>[] = [];
  if (task.concurrency !== undefined) {
    const lane = async () => {
      while (nowMs() < end && k < count) await one();
    };
    await Promise.all(Array.from({ length: task.concurrency }, lane));
  } else {
    const interval = 1_000 / (task.rate ?? 100);
    for (let i = 0; nowMs() < end && i < count; i++) {
      await sleep(start + i * interval - nowMs());
      pending.push(one());
    }
    await Promise.all(pending);
  }
  return { latencies, errors, elapsedMs: nowMs() - start };
}

async function calls(task: Extract<Task, { kind: 'calls' }>) {
  const sends: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const end = nowMs() + task.durationMs;
  const period = 1_000 / task.perWindowPerSec;
  await Promise.all(
    task.windows.map(async (w, i) => {
      const socket = sockets.get(w.socket)!;
      await sleep((i * period) / task.windows.length); // spread the windows over the period
      for (let n = 0; nowMs() < end; n++) {
        const started = nowMs();
        if (task.server === 'raw') {
          const id = `${w.windowId}-${n}`;
          sends[id] = nowMs();
          await ack(socket, 'trigger', { room: w.room, id, size: task.size });
        } else {
          const t0 = nowMs();
          const r = await ack(socket, 'ticket:callNext', { windowId: w.windowId, requestId: requestId() });
          if (!r.ok) {
            errors[r.code ?? 'UNKNOWN'] = (errors[r.code ?? 'UNKNOWN'] ?? 0) + 1;
          } else {
            const ticket = (r.data as { ticket: { id: string } }).ticket;
            sends[ticket.id] = t0;
            await ack(socket, 'ticket:finish', {
              windowId: w.windowId,
              ticketId: ticket.id,
              requestId: requestId(),
            });
          }
        }
        await sleep(started + period - nowMs());
      }
    }),
  );
  return { sends, errors };
}

async function snapshots(task: Extract<Task, { kind: 'snapshots' }>) {
  const socket = sockets.get(task.socket)!;
  const codes: Record<string, number> = {};
  const latencies: number[] = [];
  let bytes = 0;
  const end = nowMs() + task.durationMs;
  const pending: Promise<void>[] = [];
  // Past a thousand a second, several go out per millisecond tick.
  const perTick = Math.max(1, Math.round(task.rate / 1_000));
  let n = 0;
  while (nowMs() < end) {
    const t0 = nowMs();
    for (let k = 0; k < perTick; k++) {
      const payload =
        task.payload === undefined ? {} : { ...task.payload, requestId: `flood-${process.pid}-${++n}` };
      pending.push(
        ack(socket, task.event ?? 'hall:snapshot', payload).then((r) => {
          const c = r.ok ? 'ok' : (r.code ?? 'UNKNOWN');
          codes[c] = (codes[c] ?? 0) + 1;
          if (r.ok) {
            latencies.push(nowMs() - t0);
            bytes = JSON.stringify(r.data).length;
          }
        }),
      );
    }
    await sleep(Math.max(1, 1_000 / task.rate));
  }
  await Promise.all(pending);
  return { codes, latencies, bytes };
}

/** One GET on a kept-alive connection from a given local address; resolves with the status. */
function get(url: string, agent: Agent, localAddress: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, { agent, localAddress }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
    });
    req.on('error', () => resolve('error'));
    req.end();
  });
}

async function httpLoop(task: Extract<Task, { kind: 'http' }>) {
  const codes: Record<string, number> = {};
  const end = nowMs() + task.durationMs;
  const agent = new Agent({ keepAlive: true, maxSockets: task.concurrency });
  await Promise.all(
    Array.from({ length: task.concurrency }, async () => {
      while (nowMs() < end) {
        const c = await get(task.url, agent, task.localAddress);
        codes[c] = (codes[c] ?? 0) + 1;
      }
    }),
  );
  agent.destroy();
  return { codes };
}

async function run(task: Task): Promise<unknown> {
  switch (task.kind) {
    case 'connect': {
      const started = nowMs();
      let ok = 0;
      // A few at a time: devices of a hall do not all connect in the same millisecond.
      for (let i = 0; i < task.sockets.length; i += 50) {
        const batch = task.sockets.slice(i, i + 50);
        ok += (await Promise.all(batch.map((s) => connectOne(task.url, task.server, s)))).filter(
          Boolean,
        ).length;
      }
      return { connected: ok, failed: task.sockets.length - ok, ms: nowMs() - started };
    }
    case 'issue':
      return issue(task);
    case 'calls':
      return calls(task);
    case 'command': {
      const r = await ack(sockets.get(task.socket)!, task.name, { ...task.payload, requestId: requestId() });
      return r;
    }
    case 'snapshots':
      return snapshots(task);
    case 'http':
      return httpLoop(task);
    case 'receipts': {
      const out = { receipts: Object.fromEntries(receipts), sampleSize };
      receipts = new Map();
      return out;
    }
    case 'close':
      for (const s of sockets.values()) s.close();
      sockets.clear();
      return { closed: true };
  }
}

process.on('message', (m: { id: number; task: Task }) => {
  run(m.task).then(
    (result) => process.send?.({ id: m.id, result }),
    (e: unknown) => process.send?.({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
