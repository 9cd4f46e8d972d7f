import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Builds the workspace once (incremental), so tests can run the real server process. */
export function buildOnce(): void {
  // npm test (tests/run-suites.mjs) built already, before its suites started side by side.
  if (process.env.ONEWINDOW_TEST_BUILT === '1') return;
  execFileSync(process.execPath, [`${repoRoot}node_modules/typescript/bin/tsc`, '-b'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts the production command (`onewindow serve`) as its own process and resolves with its URL. */
export function startServerProcess(args: string[]): Promise<ServerProcess> {
  return startHallProcess(
    'apps/server/dist/cli.js',
    ['serve', ...args],
    /OneWindow hall server: (http:\/\/\S+)/,
  );
}

/** Starts a built entry point on a free port and resolves with the URL its banner names. */
export function startHallProcess(script: string, args: string[], banner: RegExp): Promise<ServerProcess> {
  const child = spawn(process.execPath, [`${repoRoot}${script}`, ...args, '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    // Not started in time: stop it, or it would outlive the test file with its devices and port.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`server did not start:\n${out}`));
    }, 40_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = banner.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

export function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}
