import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** What every e2e test does on the pages it visits: sign in, check accessibility, take a screenshot. */
export const SCREENSHOTS = join(__dirname, '..', 'screenshots');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

export const signIn = async (page: Page, userId: string) => {
  await page.goto('/sign-in');
  await page.locator(`input[name="user"][value="${userId}"]`).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
};

/** Follows one of a case's actions: from the MoJ "Actions" menu, or the one action's own button. */
export const openAction = async (page: Page, action: string) => {
  // Once MoJ's script has started the menu, there is a toggle button if there are several.
  await page.locator('.moj-button-menu[data-moj-button-menu-init]').waitFor();
  const menu = page.getByRole('button', { name: 'Actions' });
  if (await menu.count()) await menu.click();
  await page.getByRole('link', { name: action }).click();
};

/**
 * Runs axe-core on the page as it is now, against WCAG 2.2 AA, and fails listing every
 * violation. The script is evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy (no inline scripts) does not stop.
 */
export const checkAccessibility = async (page: Page) => {
  await page.evaluate(axe.source);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
      }),
    WCAG_TAGS,
  );
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`,
  );
  if (violations.length) {
    console.error(`Accessibility violations on ${page.url()}:\n${violations.join('\n')}`);
  }
  expect(violations).toEqual([]);
};

export const screenshot = async (page: Page, name: string) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
};

/** Checks the page with axe and saves its screenshot: what every visited page gets. */
export const checkPage = async (page: Page, name: string) => {
  await checkAccessibility(page);
  await screenshot(page, name);
};
