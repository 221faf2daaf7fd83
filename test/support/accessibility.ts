/**
 * The accessibility audit of the browser tests (WCAG 2.1 AA). Every page a test visits is audited
 * (`snap` in browser.ts audits as it photographs; `audit` alone where no photo is wanted):
 *
 * - axe-core with the WCAG 2.0/2.1 A and AA rules; any serious or critical violation fails the test.
 * - Our own checks, which axe cannot make on Taro's custom elements: every tappable element (a
 *   click listener, a button or link role, a native control) is exposed with an interactive role
 *   and is at least 44 × 44 CSS px (axe's target-size rule asks only 24 px), and no visible text is
 *   smaller than 12 px.
 *
 * Problems are collected per test and reported together when it ends, by page, with the element
 * and what to fix; so is every page (route) a test opened but never audited.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { inject, onTestFinished } from 'vitest';
import { mainPackagePages } from '../../miniapp/src/app-pages';
import { noteAudited } from './accessibility-coverage';

/** WCAG 2.5.5 (AAA) and Apple's and Android's guidelines: 44 CSS px, which this app meets for every target. */
export const MIN_TARGET_PX = 44;
/** Nothing smaller is legible on a phone; the app's smallest text is 12 px at a 375 px wide screen. */
export const MIN_TEXT_PX = 12;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Installed before any of the app's scripts: remembers which elements listen for clicks, so the
 * audit finds what is tappable even when it is a Taro View (Taro's H5 components add their event
 * handlers with addEventListener, invisible in the DOM).
 */
function trackTappables(): void {
  const listeners = new Map<Element, Set<unknown>>();
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: unknown, ...rest: unknown[]) {
    if (type === 'click' && this instanceof Element && listener) {
      const set = listeners.get(this) ?? new Set();
      listeners.set(this, set.add(listener));
    }
    return add.call(this, type, listener as EventListener, ...(rest as [boolean?]));
  } as typeof EventTarget.prototype.addEventListener;
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: unknown, ...rest: unknown[]) {
    if (type === 'click' && this instanceof Element) listeners.get(this)?.delete(listener);
    return remove.call(this, type, listener as EventListener, ...(rest as [boolean?]));
  } as typeof EventTarget.prototype.removeEventListener;
  (window as unknown as { __tappables: () => Element[] }).__tappables = () =>
    [...listeners].filter(([element, set]) => set.size > 0 && element.isConnected).map(([element]) => element);
}

interface ElementProblem {
  rule: 'tappable-role' | 'target-size-44' | 'text-size';
  element: string;
  detail: string;
}

/** Runs in the page: the checks axe cannot make (see the module comment). */
function checkTargetsAndText({ minTarget, minText }: { minTarget: number; minText: number }): ElementProblem[] {
  const INTERACTIVE_ROLES = new Set(['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem', 'option']);
  const NATIVE_CONTROLS = 'a[href], button, input:not([type=hidden]), select, textarea, label, summary';
  const TARGETS =
    '[role=button], [role=link], [role=checkbox], [role=radio], [role=switch], [role=tab], [role=menuitem], [role=option], a[href], button, input[type=checkbox], input[type=radio], select';
  const problems: ElementProblem[] = [];
  const visible = (element: Element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  };
  const describe = (element: Element) => {
    const id = element.id ? `#${element.id}` : '';
    const classes = Array.from(element.classList)
      .slice(0, 2)
      .map((name) => `.${name}`)
      .join('');
    const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
    return `${element.tagName.toLowerCase()}${id}${classes}${text ? ` "${text}"` : ''}`;
  };
  const tracked = (window as unknown as { __tappables?: () => Element[] }).__tappables?.() ?? [];
  // The document and the app's roots listen for clicks on behalf of everything inside them.
  const tappables = tracked.filter(
    (element) => visible(element) && element !== document.body && element.id !== 'app' && !element.matches('.taro_router, .taro_page'),
  );
  for (const element of tappables) {
    const role = element.getAttribute('role');
    const exposed = (role && INTERACTIVE_ROLES.has(role)) || element.matches(NATIVE_CONTROLS) || element.closest(`${TARGETS}, label`) !== null;
    // A Taro control around its native one (a switch around its checkbox) is exposed by what it holds.
    if (!exposed && !element.querySelector(NATIVE_CONTROLS)) {
      problems.push({
        rule: 'tappable-role',
        element: describe(element),
        detail: 'listens for taps but is not exposed as a button or link (use the Tappable or Button component)',
      });
    }
  }
  const targets = new Set([...Array.from(document.querySelectorAll(TARGETS)), ...tappables.filter((element) => !element.querySelector(NATIVE_CONTROLS))]);
  for (const element of targets) {
    if (!visible(element)) continue;
    const box = element.getBoundingClientRect();
    if (box.width < minTarget - 0.5 || box.height < minTarget - 0.5) {
      problems.push({
        rule: 'target-size-44',
        element: describe(element),
        detail: `${Math.round(box.width)}×${Math.round(box.height)} px, less than ${minTarget}×${minTarget}`,
      });
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set<Element>();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || seen.has(parent) || !node.textContent?.trim() || !visible(parent)) continue;
    seen.add(parent);
    const size = Number.parseFloat(getComputedStyle(parent).fontSize);
    if (size < minText - 0.05) problems.push({ rule: 'text-size', element: describe(parent), detail: `${size.toFixed(1)} px text, less than ${minText}` });
  }
  return problems;
}

/** The page's route: the hash router's path, or the launch page when there is none. */
export function routeOf(url: string): string {
  const { hash, pathname } = new URL(url);
  const path = hash.replace(/^#\/?/, '').split('?')[0];
  if (path) return path;
  return pathname === '/' ? mainPackagePages()[0] : pathname;
}

/**
 * Waits until what is fading or sliding in has arrived (a dialog's fade, say), so colours are read
 * as the user sees them; endless animations (a spinner) are not waited for.
 */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    // Two frames: a transition started by a timer (Taro's dialog) has begun by then.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const finite = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY);
    await Promise.race([
      Promise.all(finite.map((animation) => animation.finished.catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]);
  });
}

/** Whether the element axe names by `target` is no longer shown (it left while the audit ran). */
async function vanished(page: Page, target: unknown[]): Promise<boolean> {
  if (target.length !== 1 || typeof target[0] !== 'string') return false;
  return page.evaluate((selector) => {
    const element = document.querySelector(selector);
    return !element?.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  }, target[0]);
}

/** Every problem on the page in front, one readable line each (none: it passes). */
export async function auditPage(page: Page): Promise<string[]> {
  await settle(page);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const lines: string[] = [];
  for (const violation of results.violations) {
    if (!FAILING_IMPACTS.has(violation.impact ?? '')) continue;
    for (const node of violation.nodes) {
      // A toast that hid while axe ran had its colours read halfway through its fade.
      if (violation.id === 'color-contrast' && (await vanished(page, node.target))) continue;
      const why = node.failureSummary?.replace(/\s*\n\s*/g, ' ') ?? '';
      lines.push(`${violation.id} (${violation.impact}): ${violation.help} — ${node.target.join(' ')} ${node.html.slice(0, 120)} — ${why}`);
    }
  }
  const own = await page.evaluate(checkTargetsAndText, { minTarget: MIN_TARGET_PX, minText: MIN_TEXT_PX });
  for (const problem of own) lines.push(`${problem.rule}: ${problem.element} — ${problem.detail}`);
  return lines;
}

/**
 * Audits every page of `context` that a test audits (`audit`), and fails the test when it ends if
 * any audit found a problem or any page it opened was never audited.
 */
export async function auditAccessibilityOf(context: BrowserContext): Promise<void> {
  await context.addInitScript(trackTappables);
  const visited = new Set<string>();
  context.on('page', (page) => {
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().startsWith('http')) visited.add(routeOf(frame.url()));
    });
  });
  audits.set(context, { audited: new Set(), problems: new Map() });
  onTestFinished(() => {
    const record = audits.get(context);
    audits.delete(context);
    if (!record) return;
    const report: string[] = [];
    for (const [where, lines] of record.problems) report.push(`${where}:\n${[...lines].map((line) => `  - ${line}`).join('\n')}`);
    const missed = [...visited].filter((route) => !record.audited.has(route));
    if (missed.length) report.push(`pages opened but never audited (call snap or audit on them): ${missed.join(', ')}`);
    if (report.length) throw new Error(`Accessibility (WCAG 2.1 AA) problems:\n${report.join('\n')}`);
  });
}

const audits = new Map<BrowserContext, { audited: Set<string>; problems: Map<string, Set<string>> }>();

/** Audits the page in front now; `label` names the step in the report (the screenshot's name). */
export async function audit(page: Page, label: string): Promise<void> {
  const record = audits.get(page.context());
  if (!record) throw new Error('audit: the page must belong to a phoneContext');
  const route = routeOf(page.url());
  record.audited.add(route);
  noteAudited(route, inject('scratchDir'));
  const lines = await auditPage(page);
  if (lines.length === 0) return;
  const where = `${route} (${label})`;
  const known = new Set([...record.problems.values()].flatMap((set) => [...set]));
  const fresh = lines.filter((line) => !known.has(line));
  if (fresh.length) record.problems.set(where, new Set(fresh));
}
