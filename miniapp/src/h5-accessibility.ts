/**
 * H5 only: Taro draws some widgets itself, outside the app's components, as bare <div>s that
 * assistive technology cannot use. This gives each its role, name and keyboard access as it
 * appears (the app's own elements get theirs from components/Tappable):
 *
 * - the title bar's back and home icons: buttons named 返回上一页 / 返回首页;
 * - `Taro.showModal`: a modal dialog named by its text, its two actions buttons;
 * - `Taro.showToast`: a status that screen readers announce;
 * - each page's scrolling container: focusable, so a keyboard can scroll it.
 *
 * Run from app.ts before the router starts.
 */
import { zh } from './i18n/zh-CN';

const UPGRADED = 'data-a11y';

function activateOnKey(event: KeyboardEvent): void {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  event.preventDefault();
  (event.currentTarget as HTMLElement).click();
}

function asButton(element: HTMLElement, name?: string): void {
  element.setAttribute('role', 'button');
  element.tabIndex = 0;
  if (name) element.setAttribute('aria-label', name);
  element.addEventListener('keydown', activateOnKey);
}

function asDialog(content: HTMLElement): void {
  const text = content.querySelector<HTMLElement>('.taro-modal__text');
  if (text) text.id ||= 'taro-modal-text';
  content.setAttribute('role', 'dialog');
  content.setAttribute('aria-modal', 'true');
  if (text) content.setAttribute('aria-labelledby', text.id);
}

function asStatus(toast: HTMLElement): void {
  toast.setAttribute('role', 'status');
  toast.setAttribute('aria-live', 'polite');
}

function asScrollRegion(page: HTMLElement): void {
  page.tabIndex = 0;
}

const UPGRADES: ReadonlyArray<readonly [selector: string, apply: (element: HTMLElement) => void]> = [
  ['.taro-navigation-bar-back', (element) => asButton(element, zh.a11y.back)],
  ['.taro-navigation-bar-home', (element) => asButton(element, zh.a11y.home)],
  ['.taro-modal__content', asDialog],
  ['.taro-model__btn', (element) => asButton(element)],
  ['.taro__toast', asStatus],
  ['.taro_page', asScrollRegion],
];

function upgrade(root: Element): void {
  for (const [selector, apply] of UPGRADES) {
    const found = root.matches(selector) ? [root] : [];
    for (const element of [...found, ...Array.from(root.querySelectorAll(selector))]) {
      if (!(element instanceof HTMLElement) || element.hasAttribute(UPGRADED)) continue;
      element.setAttribute(UPGRADED, '');
      apply(element);
    }
  }
}

export function makeTaroWidgetsAccessible(): void {
  upgrade(document.body);
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of Array.from(mutation.addedNodes)) if (node instanceof Element) upgrade(node);
    }
  }).observe(document.body, { childList: true, subtree: true });
}
