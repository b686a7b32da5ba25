import type { Browser, Page } from 'playwright-core';
import { startBackOffice, type BackOffice } from './back-office';
import { browserProblems, launchBrowser, openPage } from './browser';

export interface StaffBrowsers {
  /** The running back office; only once the file's `beforeAll` has run. */
  readonly office: BackOffice;
  /** A new page on the back office, whose console and page errors fail the file at the end. */
  newPage(): Promise<Page>;
}

/**
 * One back office (in its own schema) and one browser for a test file, started before its
 * tests and shut after them; then any browser problem on a page it opened fails the file.
 */
export const staffBrowsers = (schema: string): StaffBrowsers => {
  let office: BackOffice | undefined;
  let browser: Browser | undefined;
  const pages: Page[] = [];

  beforeAll(async () => {
    office = await startBackOffice(schema);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    const problems = pages.flatMap(browserProblems);
    await browser?.close();
    await office?.close();
    expect(problems).toEqual([]);
  });

  const started = () => {
    if (!office || !browser) throw new Error('The back office starts in beforeAll');
    return { office, browser };
  };
  return {
    get office() {
      return started().office;
    },
    newPage: async () => {
      const { office, browser } = started();
      const page = await openPage(browser, office.url);
      pages.push(page);
      return page;
    },
  };
};
