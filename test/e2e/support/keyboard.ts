import type { Page } from 'playwright-core';

/** The focused element's label, aria-label and text, as a screen reader would announce it. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '';
    return `${el.getAttribute('aria-label') ?? ''} ${label ?? ''} ${el.innerText ?? ''}`.trim();
  });

/** Presses `key` until the focused element's name matches, as a keyboard user would; fails if it never does. */
const pressTo = async (page: Page, key: string, name: RegExp, most: number, first: boolean) => {
  if (!first && name.test(await focusedName(page))) return;
  for (let i = 0; i < most; i++) {
    await page.keyboard.press(key);
    if (name.test(await focusedName(page))) return;
  }
  throw new Error(`Pressing ${key} never reached ${name}`);
};

/** Moves focus with the Tab key alone until the focused element matches. */
export const tabTo = (page: Page, name: RegExp, most = 80) =>
  pressTo(page, 'Tab', name, most, true);

/** Moves through an open menu with the down arrow, from the item focused now. */
export const arrowTo = (page: Page, name: RegExp, most = 12) =>
  pressTo(page, 'ArrowDown', name, most, false);
