import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Task } from './worker.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
export const SERVER_CLI = fileURLToPath(new URL('../../../apps/server/dist/cli.js', import.meta.url));

/** Resident set size of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 102.4) / 10;
}

/** A server process and the address it listens on. */
export interface Served {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

function waitForUrl(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m?.[1] !== undefined) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

const stopper = (child: ChildProcess) => () =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });

/**
 * The hall server as a hall runs it: the `onewindow` command itself (its first line sets the V8 flags
 * it runs with), `serve` on a data folder seeded from a file.
 */
export async function startHallServer(dataDir: string, seedFile: string): Promise<Served> {
  // BENCH_NODE_ARGS runs it under these node flags instead of its own (e.g. --cpu-prof to profile).
  const extra = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean);
  const child = spawn(
    extra ? process.execPath : SERVER_CLI,
    [
      ...(extra ? [...extra, SERVER_CLI] : []),
      'serve',
      '--data',
      dataDir,
      '--config',
      seedFile,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--ignore-hours',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  const url = await waitForUrl(child, /OneWindow hall server: (http:\/\/\S+)/);
  return { child, url: url.replace('localhost', '127.0.0.1'), stop: stopper(child) };
}

export async function startRawServer(dataDir: string): Promise<Served> {
  const child = spawn(process.execPath, [here('./raw-server.js'), dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForUrl(child, /"url":"(http:\/\/[^"]+)"/);
  return { child, url, stop: stopper(child) };
}

/** A client process; `ask` sends it one task and resolves with its answer. */
export interface Worker {
  ask<T>(task: Task): Promise<T>;
  stop(): Promise<void>;
}

export function startWorker(): Worker {
  const child = fork(here('./worker.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) w?.reject(new Error(m.error));
    else w?.resolve(m.result);
  });
  return {
    ask<T>(task: Task): Promise<T> {
      const id = ++next;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, task });
      });
    },
    async stop() {
      await this.ask({ kind: 'close' }).catch(() => {});
      await stopper(child)();
    },
  };
}
