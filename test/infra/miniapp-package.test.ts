/**
 * WeChat limits the main package of a mini-program to 2 MB (all packages to 30 MB). `npm test`
 * builds the weapp before this runs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const WEAPP = resolve(import.meta.dirname, '../../miniapp/dist-weapp');

function bytesUnder(dir: string, skip: string[] = []): number {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !skip.includes(entry.name))
    .reduce((sum, entry) => {
      const path = join(dir, entry.name);
      return sum + (entry.isDirectory() ? bytesUnder(path) : statSync(path).size);
    }, 0);
}

describe('the WeChat build', () => {
  it('keeps the main package under 2 MB and everything under 30 MB, with officer pages in a subpackage', () => {
    expect(existsSync(join(WEAPP, 'app.json')), 'run `npm run build:weapp` first (npm test does)').toBe(true);
    const app = JSON.parse(readFileSync(join(WEAPP, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }> };
    const subpackages = (app.subPackages ?? []).map((sub) => sub.root.replace(/\/$/, ''));
    expect(subpackages).toContain('officer');
    const main = bytesUnder(WEAPP, subpackages);
    const total = bytesUnder(WEAPP);
    console.log(`weapp main package ${(main / 1024).toFixed(0)} KB, all packages ${(total / 1024).toFixed(0)} KB`);
    expect(main).toBeLessThan(2 * 1024 * 1024);
    expect(total).toBeLessThan(30 * 1024 * 1024);
  });
});
