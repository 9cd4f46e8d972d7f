#!/usr/bin/env node
// `npm test` after the lint: builds once, then runs the vitest projects of vitest.config.ts side by
// side: the screens in Chromium one file at a time and the node suites beside them (two browsers at
// once starve each other on a 2-core machine; one browser and the node suites share it well), the
// tests' typecheck from the bundler's start, the several-instance file once either lane is done. Each
// line is prefixed with its suite; the last line sums up every suite as "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'test-output');
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
const extra = process.argv.slice(2);

/** Children started beside the build, stopped with npm test when a build step fails. */
const beside = [];

/** Runs a node script to its end; exits npm test when it fails. */
function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status === 0) return;
  for (const child of beside) child.kill();
  process.exit(r.status ?? 1);
}

/** Runs one vitest project in its own process; resolves with its exit code and counts. */
function suite(projects, workers) {
  const project = projects.join('+');
  const report = join(out, `vitest-${project}.json`);
  rmSync(report, { force: true });
  const child = spawn(
    process.execPath,
    [
      vitest,
      'run',
      ...projects.flatMap((p) => ['--project', p]),
      `--maxWorkers=${workers}`,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...extra,
    ],
    {
      cwd: root,
      env: { ...process.env, ONEWINDOW_TEST_BUILT: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const prefix = (stream, target) => {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) target.write(`[${project}] ${line}\n`);
    });
    stream.on('end', () => {
      if (rest !== '') target.write(`[${project}] ${rest}\n`);
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      let passed = 0;
      let failed = 0;
      try {
        const r = JSON.parse(readFileSync(report, 'utf8'));
        passed = r.numPassedTests;
        failed =
          r.numFailedTests +
          (r.numTotalTestSuites > 0 && r.success === false && r.numFailedTests === 0 ? 1 : 0);
      } catch {
        failed += 1; // no report: the suite did not run to its end
      }
      resolve({ project, code: code ?? 1, passed, failed });
    });
  });
}

mkdirSync(out, { recursive: true });
const started = Date.now();
/** The tests' own typecheck (the build typechecked everything else): beside the bundler and the suites. */
function typecheckTests() {
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.tests.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  beside.push(child);
  return new Promise((resolve) =>
    child.on('close', (code) =>
      resolve({ project: 'typecheck of the tests', code: code ?? 1, passed: 0, failed: code === 0 ? 0 : 1 }),
    ),
  );
}

// The build: tsc first (the tests' typecheck reads its declarations), then the bundles and voice pack
// with the tests' typecheck beside them (synthesising the voice on a fresh clone leaves a core idle).
run([join(root, 'node_modules/typescript/bin/tsc'), '-b']);
const typecheck = typecheckTests();
run([join(root, 'packages/bundler/dist/cli.js')]);
// The screens one file at a time and beside them the node suites; the several-instance file (its three
// servers take a core of their own) once either lane is done, beside the other. It shares PostgreSQL and
// Redis with the node suites' instance tests, each on its own database and key prefix.
const browser = suite(['browser'], 1);
const unit = suite(['unit', 'unit-isolated'], 2);
const scale = Promise.race([browser, unit]).then(() => suite(['scale'], 1));
const results = await Promise.all([browser, typecheck, unit, scale]);
const seconds = Math.round((Date.now() - started) / 1000);
for (const r of results)
  process.stdout.write(`${r.project}: ${r.passed} passed, ${r.failed} failed (exit ${r.code})\n`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
process.stdout.write(`suites took ${seconds} s\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
