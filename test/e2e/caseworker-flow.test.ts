import type { Page } from 'playwright-core';
import { arrowTo, tabTo } from './support/keyboard';
import { checkPage, openAction, signIn } from './support/pages';
import { staffBrowsers } from './support/staff-browsers';

/**
 * A claim worked end to end in the browser: taken from the queue, information asked for
 * and received, a refusal decided and approved by a team leader (four eyes), closed, and
 * read back by an auditor, as it is now and as it was. Every page is checked with axe
 * and photographed. (A team leader's queue work is in team-leader.test.ts.)
 */
jest.setTimeout(180_000);

const staff = staffBrowsers('e2eflow');

/** A browser of their own for one member of staff, signed in. */
const asStaff = async (userId: string) => {
  const page = await staff.newPage();
  await signIn(page, userId);
  return page;
};

const caseStatus = (page: Page) =>
  page.locator('.govuk-summary-list__row', { hasText: 'Status' }).first().locator('dd');

/** Waits for the case page to show this status (it follows changes live). */
const showsStatus = (page: Page, status: string) =>
  caseStatus(page).getByText(status, { exact: true }).waitFor();

const act = async (page: Page, action: string) => {
  await openAction(page, action);
  await page.getByRole('heading', { level: 1, name: action }).waitFor();
};

const submitAndReturn = async (page: Page, button: string, confirmation: string) => {
  await page.getByRole('button', { name: button }).click();
  await page.locator('.govuk-notification-banner--success', { hasText: confirmation }).waitFor();
};

it('works a claim from the queue to closed, with a second person approving the refusal', async () => {
  await staff.office.submit();
  await staff.office.submit();

  const aisha = await staff.newPage();
  await aisha.goto('/');
  await aisha.getByRole('heading', { name: 'Sign in' }).waitFor();
  await checkPage(aisha, 'sign-in');
  await signIn(aisha, 'aisha.khan');
  await aisha.getByRole('cell', { name: 'Unallocated' }).waitFor();
  await checkPage(aisha, 'home');

  await aisha.getByRole('button', { name: 'Take next case' }).click();
  await aisha.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = new URL(aisha.url()).pathname;
  await showsStatus(aisha, 'In progress');
  await expect(
    aisha.locator('.govuk-summary-list__row', { hasText: 'Assigned to' }).first().innerText(),
  ).resolves.toContain('aisha.khan');
  await checkPage(aisha, 'case');

  await act(aisha, 'Request information');
  await aisha.getByRole('button', { name: 'Request information' }).click();
  await aisha.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await aisha.title()).toBe(
    `Error: Request information – ${await referenceOf(aisha)} – Casework – GOV.UK`,
  );
  await expect(aisha.evaluate(() => document.activeElement?.className)).resolves.toContain(
    'govuk-error-summary',
  );
  await checkPage(aisha, 'request-information-errors');
  await aisha
    .getByLabel('What information do you need?')
    .fill('Payslips for the last 3 months\nThe award letter');
  await aisha
    .getByLabel('Message to the applicant')
    .fill('Please send your recent payslips and the award letter.');
  await checkPage(aisha, 'request-information');
  await submitAndReturn(aisha, 'Request information', 'Information requested');
  await showsStatus(aisha, 'Awaiting information');
  await checkPage(aisha, 'case-awaiting-information');

  await act(aisha, 'Record information received');
  await aisha
    .getByLabel('What was received?')
    .fill('Three payslips and the award letter, by post.');
  await checkPage(aisha, 'information-received');
  await submitAndReturn(aisha, 'Record information received', 'Information recorded as received');
  await showsStatus(aisha, 'In progress');

  await act(aisha, 'Record a decision');
  await aisha.getByLabel('Refused: does not meet the caring conditions').check();
  await aisha.getByLabel('Reasons for the decision').fill('Cares for fewer than 35 hours a week.');
  await checkPage(aisha, 'decide');
  await submitAndReturn(aisha, 'Record decision', 'Decision recorded');
  await showsStatus(aisha, 'Awaiting approval');
  await expect(aisha.locator('a[href$="/actions/review-decision"]').count()).resolves.toBe(0);

  // The team leader finds it in their approvals queue and approves it.
  const morag = await asStaff('morag.stewart');
  await morag.getByRole('link', { name: 'Awaiting approval' }).click();
  await morag.getByRole('heading', { level: 1, name: 'Awaiting approval' }).waitFor();
  await checkPage(morag, 'queue-awaiting-approval');
  await morag.locator(`a[href="${caseUrl}"]`).click();
  await act(morag, 'Approve or reject the decision');
  await morag.getByLabel('Yes, approve it').check();
  await checkPage(morag, 'review-decision');
  await submitAndReturn(morag, 'Continue', 'Decision reviewed');
  await showsStatus(morag, 'Decided');

  // The caseworker's page has followed the approval without a reload; she closes the case.
  await showsStatus(aisha, 'Decided');
  await act(aisha, 'Close case');
  await checkPage(aisha, 'close');
  await submitAndReturn(aisha, 'Close case', 'Case closed');
  await showsStatus(aisha, 'Closed');
  await aisha.getByRole('heading', { name: 'History' }).waitFor();
  await aisha.locator('.moj-timeline__item').first().waitFor();
  await checkPage(aisha, 'case-closed');
});

const referenceOf = async (page: Page) =>
  (await page.locator('.govuk-caption-l').first().innerText()).trim();

it('shows the closed case to an auditor, now and as it was before the decision', async () => {
  const tom = await asStaff('tom.fletcher');
  const [closed] = (
    (await staff.office.graphqlAs(
      'tom.fletcher',
      '{ search(query: "CSP-2026-000001") { nodes { caseId } } }',
    )) as {
      search: { nodes: { caseId: string }[] };
    }
  ).search.nodes;
  await tom.goto(`/cases/${closed!.caseId}`);
  await tom.getByRole('link', { name: 'Audit this case' }).click();
  await tom.getByRole('heading', { level: 1, name: /^Audit of / }).waitFor();
  await tom
    .locator('.govuk-summary-list__row', { hasText: 'Status now' })
    .getByText('Closed')
    .waitFor();
  await checkPage(tom, 'audit-closed-case');

  const revisions = tom.getByLabel('Show the case after revision');
  const earlier = await revisions
    .locator('option', { hasText: 'InformationRequested' })
    .getAttribute('value');
  await revisions.selectOption(earlier!);
  await tom.getByRole('button', { name: 'Show this revision' }).click();
  const asOf = tom.locator('section', {
    has: tom.getByRole('heading', { name: `The case after revision ${earlier}` }),
  });
  await asOf.getByText('Awaiting information').waitFor();
  await checkPage(tom, 'audit-closed-case-as-of');
});

it('follows changes made by someone else, and says so when they changed the case first', async () => {
  const { caseId, revision } = await staff.office.submit();
  await staff.office.graphqlAs(
    'morag.stewart',
    'mutation ($change: CaseChange!) { assignCase(change: $change, assignee: "ceri.morgan") { revision } }',
    { change: { caseId, expectedRevision: revision } },
  );
  const ceri = await asStaff('ceri.morgan');
  await ceri.goto(`/cases/${caseId}`);
  await ceri.getByText('There are no notes.').waitFor();
  await ceri.evaluate(() => Object.assign(window, { notReloaded: true }));

  const note = (text: string, expectedRevision: string) =>
    staff.office.graphqlAs(
      'morag.stewart',
      'mutation ($change: CaseChange!, $text: String!) { addNote(change: $change, text: $text) { revision } }',
      { change: { caseId, expectedRevision }, text },
    ) as Promise<{ addNote: { revision: string } }>;
  const first = await note('Applicant rang to ask about progress.', '1');
  await ceri.getByText('Applicant rang to ask about progress.', { exact: true }).waitFor();
  await expect(ceri.evaluate(() => 'notReloaded' in window)).resolves.toBe(true);

  await act(ceri, 'Add a note');
  await ceri.getByLabel('Note').fill('Payslips checked.');
  await note('Applicant sent payslips by email.', first.addNote.revision);
  await ceri.getByRole('button', { name: 'Add note' }).click();
  await ceri.getByRole('heading', { name: 'Someone else changed this case first' }).waitFor();
  await expect(ceri.evaluate(() => document.activeElement?.className)).resolves.toContain(
    'govuk-error-summary',
  );
  await checkPage(ceri, 'case-conflict');
  await ceri.getByRole('button', { name: 'Add note' }).click();
  await ceri.locator('.govuk-notification-banner--success', { hasText: 'Note added' }).waitFor();
  await ceri.getByText('Payslips checked.', { exact: true }).waitFor();
});

it('works by keyboard alone from taking the next case to requesting information', async () => {
  await staff.office.submit();
  const ben = await asStaff('ben.hughes');
  await ben.goto('/');
  await ben.getByRole('heading', { name: 'Your queues' }).waitFor();
  await tabTo(ben, /^Skip to main content$/, 1);
  await tabTo(ben, /^Take next case$/);
  await ben.keyboard.press('Enter');
  await ben.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  await showsStatus(ben, 'In progress');
  // The MoJ button menu: Enter opens it on its first action, the arrow keys move along.
  await tabTo(ben, /^Actions$/);
  await ben.keyboard.press('Enter');
  await arrowTo(ben, /^Request information$/);
  await ben.keyboard.press('Enter');
  await ben.getByRole('heading', { level: 1, name: 'Request information' }).waitFor();
  await tabTo(ben, /What information do you need\?/);
  await ben.keyboard.type('Proof of earnings');
  await tabTo(ben, /Message to the applicant/);
  await ben.keyboard.type('Please send your latest payslip.');
  await tabTo(ben, /^Request information$/);
  await ben.keyboard.press('Enter');
  await ben
    .locator('.govuk-notification-banner--success', { hasText: 'Information requested' })
    .waitFor();
  await showsStatus(ben, 'Awaiting information');
});
