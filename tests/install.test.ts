import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lanAddresses } from '../apps/server/src/screens.js';
import { buildOnce, repoRoot, waitForExit } from './support.js';

/**
 * A hall's IT person on a fresh clone: `npm install && npm run build`, then the README's `npx onewindow`
 * lines exactly as written. The copy holds what a clone holds (tracked files, no dist/), so npm must
 * link the `onewindow` bin from a file that exists before any build. Its node_modules are hard links
 * of this checkout's, without the server's workspace link and the bin, so `npm install --offline`
 * makes those two as on a first install, in a second instead of minutes.
 */
let dir: string;
let copy: string;
const running: ChildProcess[] = [];

// Offline: if the local bin were missing, npx must fail here rather than run a package of that name.
const env = {
  ...process.env,
  npm_config_offline: 'true',
  npm_config_update_notifier: 'false',
  LOG_LEVEL: 'warn',
};
const key = () => join(dir, 'hall.key');

function npx(args: string[], cwd = copy) {
  return spawnSync('npx', args, { cwd, env, encoding: 'utf8', timeout: 60_000 });
}

/** Copies the files a clone has (tracked, and new files not ignored), never dist/ or node_modules. */
function cloneTo(target: string): void {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f !== '' && existsSync(join(repoRoot, f)));
  for (const f of files) {
    mkdirSync(dirname(join(target, f)), { recursive: true });
    cpSync(join(repoRoot, f), join(target, f));
  }
  try {
    execFileSync('cp', ['-al', join(repoRoot, 'node_modules'), join(target, 'node_modules')]);
  } catch {
    // Another filesystem than the checkout's: a plain copy (slower, same result).
    rmSync(join(target, 'node_modules'), { recursive: true, force: true });
    execFileSync('cp', ['-a', join(repoRoot, 'node_modules'), join(target, 'node_modules')]);
  }
  for (const made of [
    'node_modules/@onewindow/server',
    'node_modules/.bin/onewindow',
    'node_modules/.package-lock.json',
  ])
    rmSync(join(target, made), { force: true });
}

/** What `npm run build` leaves: every workspace's dist/ (built once in this checkout, then copied). */
function copyBuild(target: string): void {
  const workspaces = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  for (const ws of workspaces.workspaces) {
    const built = join(repoRoot, ws, 'dist');
    if (existsSync(built)) cpSync(built, join(target, ws, 'dist'), { recursive: true });
  }
}

function serve(args: string[]): Promise<{ child: ChildProcess; out: () => string; url: string }> {
  // Its own process group: npx runs node as a child, and stopping must reach the server too.
  const child = spawn('npx', ['onewindow', 'serve', ...args], {
    cwd: copy,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up list:\n${out}`)), 60_000);
    const seen = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /OneWindow hall server: (\S+)/.exec(out)?.[1];
      // The list ends with the pairing line; the setup link comes before it.
      if (url !== undefined && out.includes('pairing code')) {
        clearTimeout(timer);
        resolve({ child, out: () => out, url });
      }
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', seen);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}`)));
  });
}

/** Stops the server and npx around it, and waits until the whole group is gone (the store closed). */
async function stop(child: ChildProcess): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  process.kill(-group, 'SIGTERM');
  await waitForExit(child);
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(-group, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  process.kill(-group, 'SIGKILL');
}

beforeAll(() => {
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'onewindow-install-'));
  copy = join(dir, 'clone');
  cloneTo(copy);
}, 120_000);

afterAll(async () => {
  for (const c of running) await stop(c).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

describe('the production command line on a fresh clone', () => {
  it('npm install links onewindow before any build, and says to build when run too early', () => {
    expect(existsSync(join(copy, 'apps/server/dist'))).toBe(false);
    const install = spawnSync(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'],
      {
        cwd: copy,
        env,
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    expect(install.status, install.stderr).toBe(0);
    expect(lstatSync(join(copy, 'node_modules/.bin/onewindow')).isSymbolicLink()).toBe(true);

    const early = npx(['--no-install', 'onewindow', '--help']);
    expect(early.status).toBe(1);
    expect(early.stderr).toContain('onewindow is not built yet: run `npm run build`');
  }, 120_000);

  it('after the build, every npx onewindow line of the README runs as written', async () => {
    copyBuild(copy);
    const help = npx(['--no-install', 'onewindow', '--help']);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: onewindow <command>/);

    // First start on an empty folder: the setup link and every screen, each of which answers.
    const data = join(dir, 'srv');
    const first = await serve(['--data', data, '--key-file', key(), '--port', '0']);
    const out = first.out();
    const setup = /(http:\/\/\S+\/admin\/\?setup=[\w-]+)/.exec(out)?.[1];
    expect(setup, out).toBeDefined();
    for (const path of ['/admin/', '/kiosk/', '/window/', '/display/', '/book/', '/t/<ticket id>']) {
      expect(out).toContain(`${first.url}${path}`);
    }
    expect(out).toContain(`${first.url}/display/?view=pad`);
    expect(out).toContain(`${first.url}/display/?view=screen&window=<window id>`);
    for (const path of ['/', '/admin/', '/kiosk/', '/window/', '/display/', '/book/']) {
      const res = await fetch(`${first.url}${path}`);
      expect(res.status, path).toBe(200);
    }
    expect((await fetch(setup!)).status).toBe(200);

    // While it runs: a backup; then restore it into a new folder and serve that.
    const backupFile = join(dir, 'hall-backup.sqlite');
    const backup = npx(['onewindow', 'backup', '--data', data, '--out', backupFile]);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`backup written: ${backupFile}`);
    await stop(first.child);
    const restored = join(dir, 'restored');
    const restore = npx(['onewindow', 'restore', '--from', backupFile, '--data', restored]);
    expect(restore.status, restore.stderr).toBe(0);
    // On the hall LAN: every LAN address, and the booking page as a QR code for phones.
    const again = await serve(['--data', restored, '--key-file', key(), '--port', '0', '--host', '0.0.0.0']);
    expect(again.out()).toContain('First start');
    const port = new URL(again.url).port;
    for (const a of lanAddresses()) {
      expect(again.out()).toContain(`http://${a}:${port}/`);
      expect(again.out()).toContain(
        `Booking page for phones — scan: http://${lanAddresses()[0]}:${port}/book/`,
      );
      expect(again.out()).toMatch(/[▀▄█]{10}/);
    }
    await stop(again.child);

    // Export from SQLite and import into another folder; a new key for the restored hall.
    const dump = join(dir, 'all.jsonl');
    const exported = npx(['onewindow', 'export', '--data', restored, '--out', dump]);
    expect(exported.status, exported.stderr).toBe(0);
    const imported = npx(['onewindow', 'import', '--data', join(dir, 'moved'), '--from', dump]);
    expect(imported.status, imported.stderr).toBe(0);
    const rekey = npx([
      'onewindow',
      'rekey',
      '--data',
      restored,
      '--key-file',
      key(),
      '--new-key-file',
      join(dir, 'new.key'),
    ]);
    expect(rekey.status, rekey.stderr).toBe(0);
    expect(rekey.stdout).toContain('re-encrypted');
  }, 300_000);

  it('the README names no onewindow command this test does not run', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const named = new Set([...readme.matchAll(/npx onewindow\s+([\w-]+)/g)].map((m) => m[1]));
    expect([...named].sort()).toEqual(
      expect.arrayContaining(['--help', 'backup', 'export', 'import', 'rekey', 'restore', 'serve']),
    );
    for (const c of named)
      expect(['--help', 'backup', 'export', 'import', 'rekey', 'restore', 'serve']).toContain(c);
    expect(readme).not.toMatch(/npx onewindow(?![\s`])/);
  });
});
