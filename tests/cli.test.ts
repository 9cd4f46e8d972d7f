import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildOnce, repoRoot } from './support.js';

buildOnce();

/** Every command a person runs, as built by npm run build. */
const COMMANDS: [string, string][] = [
  ['hall server (onewindow)', 'apps/server/dist/cli.js'],
  ['demo (npm start)', 'apps/demo/dist/main.js'],
  ['simulator (npm run sim)', 'packages/sim/dist/cli.js'],
  ['dispatch benchmark', 'packages/sim/dist/bench-dispatch.js'],
  ['hardware tool (npm run hw)', 'hardware/sim/dist/cli.js'],
  ['bundler (npm run build)', 'packages/bundler/dist/cli.js'],
  ['Electron kiosk launcher (npm run kiosk)', 'apps/kiosk/dist/launch.js'],
];

const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, [`${repoRoot}${script}`, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 20_000,
  });

describe('every command', () => {
  for (const [name, script] of COMMANDS) {
    it(`${name} answers --help with its usage and exits 0`, () => {
      const r = run(script, ['--help']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^usage: /);
      expect(r.stderr).toBe('');
    });
  }

  it('names a wrong option and shows the usage, without a stack trace, exiting 2', () => {
    for (const [, script] of COMMANDS.filter(([n]) => !n.startsWith('Electron'))) {
      // The hardware tool takes a command first; its options follow.
      const r = run(
        script,
        script.startsWith('hardware/') ? ['led-show', '--no-such-option'] : ['--no-such-option'],
      );
      expect(r.status, script).toBe(2);
      expect(r.stderr, script).toContain("unknown option '--no-such-option'");
      expect(r.stderr, script).toContain('usage: ');
      expect(r.stderr, script).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses a port that is not one', () => {
    const r = run('apps/server/dist/cli.js', ['serve', '--port', 'eighty']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--port must be 0–65535');
  });
});
