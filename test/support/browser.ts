/**
 * Debian's Chromium driven by playwright-core (scripts/lib/chromium.ts). A missing browser fails the
 * run: browser tests are never skipped.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, inject, onTestFailed, onTestFinished } from 'vitest';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { launchChromium, PHONE } from '../../scripts/lib/chromium';
import { audit, auditAccessibilityOf } from './accessibility';
import { checkAndNote, noteUnread } from './contract';
import { startTestSystem, type TestSystem } from './system';

export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-artifacts/browser');

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return launchChromium();
}

/** The H5 build the browser tests open (`npm run build:h5`). */
export const H5_DIST = resolve(import.meta.dirname, '../../miniapp/dist');

export function assertH5Built(): void {
  if (!existsSync(join(H5_DIST, 'index.html'))) throw new Error('No H5 build: run `npm run build:h5` (npm test does)');
}

/** The local system serving the H5 build, after `prepare` has set up what the file's journeys start from, and a Chromium. */
export async function startH5System(prepare?: (t: TestSystem) => Promise<unknown>): Promise<{ t: TestSystem; browser: Browser }> {
  assertH5Built();
  const t = await startTestSystem({ staticDir: H5_DIST });
  await prepare?.(t);
  return { t, browser: await launchBrowser() };
}

export async function stopH5System(t: TestSystem | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await t?.stop();
}

/** Where `phoneContext` puts the phone: 愚园路 100 号 in Jing'an, in WGS-84 as a browser reports it (a Chinese map, GCJ-02, shows the spot at 31.2235, 121.4453). */
export const PHONE_POSITION = { latitude: 31.22537, longitude: 121.44069 };

/**
 * A phone-sized context, in Chinese, located at `PHONE_POSITION`. Call it inside a test: every API
 * response its pages receive is checked against the route's declared schema (contract.ts), every page
 * they open must pass the accessibility audit (accessibility.ts, run by `snap` or `audit`), and a
 * broken contract or an accessibility problem fails that test when it ends.
 */
export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    ...PHONE,
    permissions: ['geolocation'],
    geolocation: PHONE_POSITION,
  });
  checkContractOf(context);
  runUnderContentSecurityPolicy(context);
  await auditAccessibilityOf(context);
  return context;
}

/**
 * The app must work under its content security policy: every document it loads must carry the
 * policy, and anything the policy blocks (Chromium reports it on the console) fails the test.
 */
function runUnderContentSecurityPolicy(context: BrowserContext): void {
  const problems: string[] = [];
  context.on('response', (response) => {
    // Files the app sends the browser to download from the object store (presigned) are not the app.
    const download = new URL(response.url()).searchParams.has('X-Amz-Signature');
    if (response.request().resourceType() === 'document' && !download && !response.headers()['content-security-policy']) {
      problems.push(`no content security policy on ${response.url()}`);
    }
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  onTestFinished(() => {
    if (problems.length) throw new Error(`The app ran into its content security policy:\n${problems.join('\n')}`);
  });
}

function checkContractOf(context: BrowserContext): void {
  const notesDir = inject('scratchDir');
  const checks: Array<Promise<string | undefined>> = [];
  context.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) checks.push(checkResponse(response, notesDir));
  });
  onTestFinished(async () => {
    const broken = (await Promise.all(checks)).filter(Boolean);
    if (broken.length) throw new Error(`API responses broke the contract:\n${broken.join('\n')}`);
  });
}

/** The parsed JSON, or the text itself when it is not JSON (which then fails the check). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function checkResponse(response: Response, notesDir: string): Promise<string | undefined> {
  const observed = { method: response.request().method(), url: response.url(), status: response.status() };
  const contentType = response.headers()['content-type'] ?? '';
  // A page that navigates away drops the bodies still in flight: such a response is noted as unread.
  const text = await response.text().catch(() => undefined);
  if (text === undefined) return void noteUnread(observed, notesDir);
  const body = text && /json/.test(contentType) ? parseJson(text) : text;
  return checkAndNote({ ...observed, contentType, body }, notesDir);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** Photographs the page in front as `<name>.png` and audits its accessibility (accessibility.ts). */
export async function snap(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await audit(page, name);
}

export { audit };

/** On failure, every open page is photographed as `<prefix>failed-<n>.png` to show where it stood. */
export function snapOnFailure(browser: Browser, prefix = ''): void {
  onTestFailed(async () => {
    const pages = browser.contexts().flatMap((context) => context.pages());
    await Promise.all(pages.map((page, n) => screenshot(page, `${prefix}failed-${n}`).catch(() => undefined)));
  });
}

/**
 * The sign-in code sent to `phone` after the first `alreadySent` messages: a phone may sign in more
 * than once in a test file, so the last code it was ever sent may be a spent one.
 */
async function waitForCode(t: TestSystem, phone: string, alreadySent: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const code = t.sms.sent.slice(alreadySent).findLast((message) => message.phone === phone)?.code;
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No code was sent to ${phone}`);
}

/** Fills in the sign-in form the page is on (opened directly, or where a public page sent the user). */
export async function completeSignIn(t: TestSystem, page: Page, phone: string, shot: string): Promise<void> {
  await page.fill('#login-phone input', phone);
  const alreadySent = t.sms.sent.length;
  await page.click('#login-send-code');
  await page.fill('#login-code input', await waitForCode(t, phone, alreadySent));
  await snap(page, `${shot}-sign-in`);
  await page.click('#login-submit');
}

/** Opens the sign-in page and signs in by SMS code; `shot` names the screenshot of the filled form. */
export async function signIn(t: TestSystem, page: Page, phone: string, shot: string): Promise<void> {
  await page.goto(`${t.system.url}/#/pages/login/index`);
  await completeSignIn(t, page, phone, shot);
}

/**
 * On the registry search page in front, searches by name until exactly one card shows `name` and
 * returns it: the search reads a projection that follows writes through the table's stream, so a
 * source just registered or imported shows up a moment later.
 */
export async function searchSourceByName(page: Page, name: string): Promise<Locator> {
  await page.fill('#sources-filter-name input', name);
  const found = page.locator('[id^="sources-item-"]:visible', { hasText: name });
  await expect
    .poll(
      async () => {
        await page.click('#sources-search');
        return found.count();
      },
      { timeout: 15_000, interval: 500 },
    )
    .toBe(1);
  return found;
}
