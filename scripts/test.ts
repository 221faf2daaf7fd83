/**
 * `npm test`: type-checks, builds the H5 and WeChat apps (the browser tests drive the current code),
 * then runs every vitest project — unit, integration, infra, browser — and prints one summary line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const artifacts = resolve(root, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

const run = (command: string, args: string[]) => spawnSync(command, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

const steps: Array<[string, string[]]> = [
  ['lint and format check (Biome, the whole repository)', ['run', 'lint']],
  ['typecheck (functions, infra, scripts, tests)', ['run', 'typecheck']],
  ['typecheck (mini-app)', ['run', 'typecheck', '-w', 'miniapp']],
  ['H5 build (driven by the browser tests)', ['run', 'build:h5']],
  ['WeChat build (its package size is tested)', ['run', 'build:weapp']],
];
if (!process.argv.includes('--skip-build')) {
  for (const [what, args] of steps) {
    console.log(`\n▶ ${what}`);
    if (run('npm', args) !== 0) {
      console.error(`${what} failed.`);
      process.exit(1);
    }
  }
}
const extra = process.argv.slice(2).filter((arg) => arg !== '--skip-build');
// The browser tests run last and alone: a loaded machine makes Chromium's timings unrepresentative.
const runs: Array<[string, string[]]> = [
  ['unit, integration, infra', ['--project', 'unit', '--project', 'integration', '--project', 'infra']],
  ['browser', ['--project', 'browser']],
];
let status = 0;
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const [what, projects] of runs) {
  console.log(`\n▶ tests: ${what}`);
  const report = resolve(artifacts, `vitest-${what.split(',')[0]}.json`);
  rmSync(report, { force: true }); // a stale report must not stand in for a run that wrote none
  const code = run('npx', ['vitest', 'run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);
  status ||= code;
  try {
    const counts = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
    totals.passed += counts.numPassedTests;
    totals.failed += counts.numFailedTests;
    totals.skipped += counts.numPendingTests;
  } catch {
    console.log(`No test report was written for ${what}.`);
    status ||= 1;
  }
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(status);
