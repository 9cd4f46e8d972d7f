import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { repoRoot } from './support.js';

export interface Instance {
  child: ChildProcess;
  url: string;
  port: number;
  alive: boolean;
  output: () => string;
}

/** One `onewindow serve` process of a deployment: PostgreSQL and Redis from the environment. */
export function startInstance(args: string[], env: Record<string, string>): Promise<Instance> {
  const child = spawn(
    process.execPath,
    [`${repoRoot}apps/server/dist/cli.js`, 'serve', ...args, '--port', '0'],
    { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /OneWindow hall server: (http:\/\/\S+)/.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        const url = m[1].replace('localhost', '127.0.0.1');
        const instance: Instance = {
          child,
          url,
          port: Number(new URL(url).port),
          alive: true,
          output: () => out,
        };
        child.once('exit', () => {
          instance.alive = false;
        });
        resolve(instance);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited with ${code}:\n${out}`));
    });
  });
}

/**
 * A load balancer as a deployment puts in front of its instances: each new connection goes to the next
 * instance that is alive (round robin); when one dies, its clients' reconnects land on the others.
 */
export function balancer(instances: () => readonly Instance[]): Promise<{ url: string; close: () => void }> {
  let next = 0;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    const alive = instances().filter((i) => i.alive);
    const target = alive[next++ % Math.max(alive.length, 1)];
    if (target === undefined) {
      client.destroy();
      return;
    }
    const upstream = tcpConnect(target.port, '127.0.0.1');
    open.add(upstream);
    upstream.once('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    client.once('close', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => {
          for (const s of open) s.destroy();
          server.close();
        },
      });
    });
  });
}
