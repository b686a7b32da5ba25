import type { Page } from 'playwright-core';

/**
 * Moves focus with the Tab key alone until the focused element's text or label matches,
 * as a keyboard user would; fails if it never gets there.
 */
export const tabTo = async (page: Page, name: RegExp, most = 80) => {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '';
      return `${el.getAttribute('aria-label') ?? ''} ${label ?? ''} ${el.innerText ?? ''}`.trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tabbing never reached ${name}`);
};
