/**
 * `npm test`: type-checks, builds the H5 and WeChat apps (the browser tests drive the current code),
 * then runs every vitest project — unit, integration, infra, browser — and prints one summary line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const artifacts = resolve(root, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

const run = (command: string, args: string[]) => spawnSync(command, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

const steps: Array<[string, string[]]> = [
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
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resolve(artifacts, 'vitest.json')}`, ...extra]);
try {
  const report = JSON.parse(readFileSync(resolve(artifacts, 'vitest.json'), 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
  console.log(`\ntests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`);
} catch {
  console.log('\nNo test report was written.');
}
process.exit(status);
