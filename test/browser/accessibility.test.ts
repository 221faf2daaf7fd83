/**
 * The pages no journey opens, audited like every other (test/support/accessibility.ts), so every
 * page of the app is: a resident's account, the eco-code lookup and the claim form (a mistyped
 * code sent from the keyboard, then a claim of 愚园路烧烤); the bureau's early warnings, the claim waiting for review with
 * its rejection form open, and an officer's account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { seedDemoSources } from '../../scripts/local/seed';
import { type TestSystem, DEMO_ACCOUNTS } from '../support/system';
import { audit, phoneContext, signIn, snap, snapOnFailure, startH5System, stopH5System } from '../support/browser';

/** 愚园路烧烤, a demo source without an operator. */
const BARBECUE_CREDIT_CODE = composeCreditCode('92', '310106', 'MA1K7P4B');

let t: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ t, browser } = await startH5System((system) => seedDemoSources(system.system)));
});
afterAll(() => stopH5System(t, browser));

/** Opens `route` afresh (a new navigation stack) and waits for `ready` to show. */
async function open(page: Page, route: string, ready: string): Promise<void> {
  await page.goto(`${t.system.url}/#/${route}`);
  await page.reload();
  await page.locator(ready).first().waitFor();
}

describe('the pages no journey opens', () => {
  it('meet WCAG 2.1 AA for a resident: account, eco-code lookup, claiming a business', async () => {
    snapOnFailure(browser, 'a11y-');
    const page = await (await phoneContext(browser)).newPage();
    await signIn(t, page, '13966660021', 'a11y-01-resident');
    await page.locator('#report-entry:visible').waitFor();
    await audit(page, 'a11y-01-resident-home');

    await open(page, 'pages/account/index', '#account-sign-out:visible');
    await snap(page, 'a11y-02-resident-account');
    await open(page, 'pages/eco/index', '#eco-code-submit:visible');
    await snap(page, 'a11y-03-eco-lookup');

    await open(page, 'business/claim/index', '#claim-submit:visible');
    await page.fill('#claim-credit-code input', '91310106MA1K7P4X');
    // Buttons work from the keyboard as well.
    await page.focus('#claim-submit');
    await page.keyboard.press('Enter');
    await page.locator('#claim-credit-code-error:visible').waitFor();
    // Taro's input web component takes the new attributes in its own, later render.
    await expect.poll(() => page.getAttribute('#claim-credit-code input', 'aria-invalid')).toBe('true');
    await snap(page, 'a11y-04-claim-mistyped');
    await page.fill('#claim-credit-code input', BARBECUE_CREDIT_CODE);
    await page.fill('#claim-note textarea', '本人为愚园路烧烤店长，申请关联。');
    await page.click('#claim-submit');
    await page.locator('.claim__list [id^="claim-"]:visible').first().waitFor();
    await snap(page, 'a11y-05-claim-sent');
  });

  it('meet WCAG 2.1 AA for the bureau: early warnings, claim review, account', async () => {
    snapOnFailure(browser, 'a11y-');
    // A sign-in code is not resent within a minute.
    t.clock.advanceDays(2 / 24 / 60);
    const page = await (await phoneContext(browser)).newPage();
    await signIn(t, page, DEMO_ACCOUNTS.bureau.phone, 'a11y-10-bureau');
    await page.locator('#officer-warnings-entry:visible').waitFor();
    await audit(page, 'a11y-10-bureau-home');

    await open(page, 'sources/warnings/index', '[id^="warnings-item-"]:visible, #warnings-empty:visible');
    await snap(page, 'a11y-11-warnings');
    await open(page, 'sources/claims/index', '[id^="claim-review-"]:visible');
    const claimId = (await page.locator('[id^="claim-review-"]:visible').first().getAttribute('id'))!.replace('claim-review-', '');
    await page.click(`#claim-reject-${claimId}`);
    await page.locator(`#claim-reason-${claimId}:visible`).waitFor();
    await snap(page, 'a11y-12-claim-review');
    await open(page, 'pages/account/index', '#account-sign-out:visible');
    await snap(page, 'a11y-13-bureau-account');
  });
});
