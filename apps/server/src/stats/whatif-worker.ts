import { Worker } from 'node:worker_threads';
import type { Scenario, WhatIfReport } from '@onewindow/sim';
import { CommandError } from '../errors.js';

/** The built simulator, beside this file in the repository (src/ and dist/ sit at the same depth). */
const SIM = new URL('../../../../packages/sim/dist/index.js', import.meta.url).href;

// Plain JavaScript run by the worker: no transform or bundler stands between it and the built simulator.
const CODE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.sim).then(
  ({ whatIf }) => parentPort.postMessage({ ok: true, report: whatIf(workerData.scenario, workerData.seeds) }),
  (e) => parentPort.postMessage({ ok: false, message: String(e) }),
);
`;

/**
 * The what-if in a worker thread: hundreds of simulated days must not hold the hall server's event
 * loop (calls and tickets go on meanwhile). Given up on after `timeoutMs`.
 */
export function whatIfInWorker(scenario: Scenario, seeds: number, timeoutMs = 60_000): Promise<WhatIfReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CODE, { eval: true, workerData: { sim: SIM, scenario, seeds } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new CommandError('TIMEOUT', 'the simulation took too long; try fewer seeds'));
    }, timeoutMs);
    worker.once('message', (m: { ok: true; report: WhatIfReport } | { ok: false; message: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (m.ok) resolve(m.report);
      else reject(new Error(`what-if failed: ${m.message}`));
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      // After an answer this changes nothing; without one the simulation died.
      reject(new Error(`what-if worker ended (code ${code}) without an answer`));
    });
  });
}
