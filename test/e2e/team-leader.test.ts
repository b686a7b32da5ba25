import type { Page } from 'playwright-core';
import { tabTo } from './support/keyboard';
import { checkAccessibility, checkPage, openAction, signIn } from './support/pages';
import { staffBrowsers } from './support/staff-browsers';

/**
 * A team leader's queue work: the MoJ filter and its toggle button (started once, however
 * often the page changes), assigning a case to a member of staff chosen by name, and bulk
 * assignment with a result per case.
 */
jest.setTimeout(180_000);

const staff = staffBrowsers('e2eleader');
/** Design-system components refuse a second start with a warning ("already initialised"). */
const secondStarts: string[] = [];

afterAll(() => expect(secondStarts).toEqual([]));

const asMorag = async () => {
  const page = await staff.newPage();
  page.on('console', (message) => {
    if (/already initialised/i.test(message.text())) secondStarts.push(message.text());
  });
  await signIn(page, 'morag.stewart');
  return page;
};

const filterShown = (page: Page) =>
  page.locator('.moj-filter').evaluate((filter) => !filter.classList.contains('moj-js-hidden'));

it('shows and hides the filter with one toggle button, by keyboard, on wide and narrow screens', async () => {
  await staff.office.submit();
  const morag = await asMorag();
  await morag.goto('/queues/all');
  await morag.getByRole('heading', { level: 1, name: 'All cases' }).waitFor();
  const toggle = morag.locator('.moj-action-bar__filter > button');
  await expect(toggle.innerText()).resolves.toBe('Hide filter');
  await expect(filterShown(morag)).resolves.toBe(true);

  // Filtering, re-sorting and live updates re-render the page: the toggle stays one.
  await morag.getByLabel('Received', { exact: true }).check();
  await morag.getByRole('button', { name: 'Apply filters' }).click();
  await morag.getByRole('link', { name: /Remove this filter\s+Received/ }).waitFor();
  await morag.getByRole('link', { name: 'Deadline', exact: true }).click();
  await morag.waitForURL(/sort=deadline/);
  await staff.office.submit();
  await expect(toggle.count()).resolves.toBe(1);

  await tabTo(morag, /^Hide filter$/, 200);
  await morag.keyboard.press('Enter');
  await expect(filterShown(morag)).resolves.toBe(false);
  await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
  // (Screenshots resize the page, which MoJ's toggle answers by showing the filter again.)
  await checkAccessibility(morag);
  await morag.keyboard.press('Enter');
  await expect(filterShown(morag)).resolves.toBe(true);
  await expect(
    morag.evaluate(() => document.activeElement?.classList.contains('moj-filter')),
  ).resolves.toBe(true);

  // On a narrow screen the filter starts hidden and opens over the page, with a close button.
  await morag.setViewportSize({ width: 600, height: 900 });
  await expect(filterShown(morag)).resolves.toBe(false);
  await expect(toggle.innerText()).resolves.toBe('Show filter');
  await toggle.focus();
  await morag.keyboard.press('Enter');
  await expect(filterShown(morag)).resolves.toBe(true);
  await checkAccessibility(morag);
  await morag.getByRole('button', { name: 'Close' }).click();
  await expect(filterShown(morag)).resolves.toBe(false);
  await expect(morag.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
    'Show filter',
  );
  await expect(toggle.count()).resolves.toBe(1);
  await checkPage(morag, 'queue-narrow');
});

it('assigns a case to a member of staff chosen by name', async () => {
  const { caseId } = await staff.office.submit();
  const morag = await asMorag();
  await morag.goto(`/cases/${caseId}`);
  await openAction(morag, 'Assign case');
  await morag.getByRole('heading', { level: 1, name: 'Assign case' }).waitFor();
  await morag.getByRole('radio', { name: 'Ceri Morgan' }).waitFor();
  await morag.getByRole('button', { name: 'Assign case' }).click();
  await morag.getByRole('link', { name: 'Choose who to assign the case to' }).waitFor();
  await checkPage(morag, 'assign-errors');
  await morag.getByRole('radio', { name: 'Ceri Morgan' }).check();
  await checkPage(morag, 'assign');
  await morag.getByRole('button', { name: 'Assign case' }).click();
  await morag
    .locator('.govuk-notification-banner--success', { hasText: 'Case assigned' })
    .waitFor();
  await expect(
    morag.locator('.govuk-summary-list__row', { hasText: 'Assigned to' }).first().innerText(),
  ).resolves.toContain('ceri.morgan');
});

it('bulk-assigns cases from a queue to someone chosen by name, reporting a result for each case', async () => {
  const fresh = [
    await staff.office.submit(),
    await staff.office.submit(),
    await staff.office.submit(),
  ];
  const withdrawn = fresh[2]!;
  await staff.office.graphqlAs(
    'morag.stewart',
    'mutation ($change: CaseChange!) { withdrawApplication(change: $change, reason: "Applicant phoned to withdraw") { revision } }',
    { change: { caseId: withdrawn.caseId, expectedRevision: withdrawn.revision } },
  );
  const morag = await asMorag();
  await morag.goto('/queues/all');
  await morag.getByRole('heading', { level: 1, name: 'All cases' }).waitFor();
  await morag.getByLabel('Received', { exact: true }).check();
  await morag.getByLabel('Withdrawn', { exact: true }).check();
  await morag.getByRole('button', { name: 'Apply filters' }).click();
  await morag.getByRole('link', { name: /Remove this filter\s+Withdrawn/ }).waitFor();
  await morag.locator(`a[href="/cases/${withdrawn.caseId}"]`).waitFor();
  await checkPage(morag, 'queue-filtered');

  const rows = await morag.locator('.app-case-table tbody tr').count();
  await morag.getByLabel('Select every case on this page').check();
  await morag.getByRole('radio', { name: 'Ben Hughes' }).check();
  await checkPage(morag, 'queue-bulk-assign');
  await morag.getByRole('button', { name: 'Assign selected cases' }).click();
  const results = morag.getByRole('table', { name: 'Result for each case' });
  await results.waitFor();
  await expect(results.getByText('Done', { exact: true }).count()).resolves.toBe(rows - 1);
  await expect(
    results.locator('tr', { hasText: withdrawn.reference }).innerText(),
  ).resolves.toMatch(/Not done.*withdrawn/is);
  await checkPage(morag, 'queue-bulk-results');
});
