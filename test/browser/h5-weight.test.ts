/**
 * The H5 app's weight (issue 9, item 19), measured as `npm run bench` does (scripts/lib/h5-weight.ts):
 * what a new visitor's first screen downloads stays at most 150 KB gzipped and is sent compressed,
 * the whole build stays under 1.5 MB of JavaScript and CSS, and code every page uses (the
 * dictionary) ships once, not in each page's file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildWeight, H5_WEIGHT_TARGETS, measureFirstScreen } from '../../scripts/lib/h5-weight';
import { assertH5Built, H5_DIST as H5, launchBrowser } from '../support/browser';
import { zh } from '../../miniapp/src/i18n/zh-CN';

let browser: Browser;

beforeAll(async () => {
  assertH5Built();
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('the weight of the H5 app', () => {
  it('sends a new visitor a first screen of at most 150 KB gzipped, compressed', async () => {
    const first = await measureFirstScreen(browser, H5);
    expect(first.files.map((file) => file.path)).toEqual(expect.arrayContaining(['/', expect.stringMatching(/^\/js\/app\.[0-9a-f]{8}\.js$/)]));
    expect(first.gzipBytes).toBeLessThanOrEqual(H5_WEIGHT_TARGETS.firstScreenGzipBytes);
    // Every script and style sheet comes compressed (brotli, as Chromium accepts it), saying it may vary.
    const code = first.files.filter((file) => /\.(js|css)$/.test(file.path));
    expect(code.length).toBeGreaterThan(2);
    for (const file of code) {
      expect({ path: file.path, encoding: file.contentEncoding, vary: file.vary }).toEqual({ path: file.path, encoding: 'br', vary: 'Accept-Encoding' });
      expect(file.transferredBytes).toBeLessThan(file.bytes);
    }
  });

  it('builds under 1.5 MB of JavaScript and CSS, with the dictionary in one file', () => {
    expect(buildWeight(H5).bytes).toBeLessThan(H5_WEIGHT_TARGETS.buildBytes);
    const scripts = readdirSync(join(H5, 'js')).filter((file) => file.endsWith('.js'));
    const withDictionary = scripts.filter((file) => readFileSync(join(H5, 'js', file), 'utf8').includes(zh.app.tagline));
    expect(withDictionary).toHaveLength(1);
  });
});
