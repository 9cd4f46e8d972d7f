import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, repoRoot, waitForExit } from './support.js';

const run = promisify(execFile);
const cli = join(repoRoot, 'hardware/sim/dist/cli.js');
let dir: string;
const sims: ChildProcess[] = [];

/** Starts a virtual device and resolves once it says it is ready. */
function startSim(args: string[]): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  sims.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator did not start: ${out}`)), 10_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) {
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    });
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
  });
}
const hw = async (...args: string[]) =>
  (await run(process.execPath, [cli, ...args], { encoding: 'utf8' })).stdout;

beforeAll(() => {
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'onewindow-hw-'));
});
afterAll(async () => {
  for (const c of sims) {
    c.kill('SIGTERM');
    await waitForExit(c);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run hw', () => {
  it('reads a virtual ID card as JSON, revealing the number only when asked', async () => {
    await startSim(['sim-idcard', '--link', join(dir, 'idcard'), '--card', 'elder']);
    const card = JSON.parse(await hw('idcard-read', '--port', join(dir, 'idcard'), '--json')) as Record<
      string,
      string
    >;
    expect(card).toEqual({
      cardType: 'resident',
      name: '王秀英',
      gender: 'female',
      nation: '回',
      birthDate: '1956-05-20',
      address: '青山县东街12号',
      idNumberMasked: expect.stringMatching(/^\*{14}\d{3}[\dX]$/),
      authority: '青山县公安局',
      validFrom: '2015-06-01',
      validTo: '长期',
    });
    const revealed = JSON.parse(
      await hw('idcard-read', '--port', join(dir, 'idcard'), '--json', '--reveal'),
    ) as Record<string, string>;
    expect(revealed.idNumber).toMatch(/^32010219560520246[\dX]$/);
  });

  it('prints a sample ticket on a virtual printer and reads its status', async () => {
    const sim = await startSim(['sim-printer', '--link', join(dir, 'printer')]);
    expect(await hw('print-sample', '--port', join(dir, 'printer'), '--width', '58')).toContain('printed');
    expect(JSON.parse(await hw('printer-status', '--port', join(dir, 'printer')))).toEqual({
      online: true,
      coverOpen: false,
      paperEnd: false,
      paperNearEnd: false,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(sim.output()).toContain('A001');
    expect(sim.output()).toContain('[QR] http://localhost:8080/t/sample');
  });

  it('shows text on a virtual LED screen', async () => {
    const sim = await startSim(['sim-led', '--link', join(dir, 'led'), '--address', '3']);
    await hw('led-show', '--port', join(dir, 'led'), '--address', '3', '--text', '请A012号到3号窗口');
    await new Promise((r) => setTimeout(r, 300));
    expect(sim.output()).toContain('[LED 3] 请A012号到3号窗口');
  });

  it('explains a wrong command and a missing port', async () => {
    await expect(hw('bogus')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command "bogus"'),
    });
    await expect(hw('idcard-read')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--port is required'),
    });
    await expect(hw('printer-status', '--port', join(dir, 'absent'))).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no serial port at this path'),
    });
  });

  it('removes its port when stopped', async () => {
    const sim = await startSim(['sim-led', '--link', join(dir, 'led2')]);
    expect(existsSync(join(dir, 'led2'))).toBe(true);
    sim.child.kill('SIGTERM');
    await waitForExit(sim.child);
    expect(existsSync(join(dir, 'led2'))).toBe(false);
  });
});
