import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../cli/config';
import { oidcClientOf } from '../../cli/commands/start';
import { eventually } from '../support/eventually';
import { startBackOffice, type BackOffice } from './support/back-office';
import { browserProblems, launchBrowser, openPage } from './support/browser';
import { startOidcProvider, type TestOidcProvider } from './support/oidc-provider';
import { checkPage } from './support/pages';

/**
 * Staff signing in through the department's OIDC provider, as in production: the back
 * office started with OIDC_ISSUER (and a client id of its own) pointing at a provider on
 * another origin, and Chromium going through the authorization code flow with PKCE.
 * Tampered answers — a forged `state`, a wrong code verifier — are refused, saying why.
 */
jest.setTimeout(120_000);

const CLIENT_ID = 'casework-back-office';
let provider: TestOidcProvider;
let office: BackOffice;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  provider = await startOidcProvider({ clientId: CLIENT_ID, audience: 'casework' });
  const config = loadConfig({ OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: CLIENT_ID });
  office = await startBackOffice('e2eoidc', { oidc: oidcClientOf(config) });
  browser = await launchBrowser();
  provider.signInAs({
    sub: 'nadia.begum',
    name: 'Nadia Begum',
    role: 'caseworker',
    teams: ['carer-claims'],
  });
}, 120_000);
afterAll(async () => {
  const problems = pages.flatMap(browserProblems);
  await browser?.close();
  await office?.close();
  await provider?.close();
  expect(problems).toEqual([]);
});

/** `watched`: any problem the browser reports fails the file. */
const freshPage = async (watched = true) => {
  const page = await openPage(browser, office.url);
  if (watched) pages.push(page);
  return page;
};

const startSigningIn = async (page: Page) => {
  await page.goto('/');
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
};

const refused = async (page: Page, why: RegExp) => {
  await page.getByRole('heading', { level: 1, name: 'You have not been signed in' }).waitFor();
  await expect(page.locator('main').innerText()).resolves.toMatch(why);
  await expect(page.evaluate(() => sessionStorage.getItem('casework.session'))).resolves.toBe(null);
};

it('signs a member of staff in through the provider, then out of both', async () => {
  const page = await freshPage();
  await startSigningIn(page);
  await checkPage(page, 'sign-in-oidc');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your queues' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
  await page.getByText('Nadia Begum (Caseworker)').waitFor();
  await checkPage(page, 'home-oidc');
  // The provider's staff join the list of those cases can be assigned to.
  await expect(office.api.identity.staffUser('nadia.begum')).resolves.toEqual({
    id: 'nadia.begum',
    name: 'Nadia Begum',
    role: 'caseworker',
    teams: ['carer-claims'],
  });

  const idToken = await page.evaluate(
    () => (JSON.parse(sessionStorage.getItem('casework.session')!) as { idToken: string }).idToken,
  );
  await page.getByRole('link', { name: 'Sign out' }).click();
  // The provider is told, and sends the browser back to sign in (the page may show the
  // sign-in page a moment before it leaves for the provider, so wait for the provider).
  await eventually(
    async () => (provider.signOuts.length ? true : undefined),
    'the provider to be asked to sign out',
  );
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  expect(provider.signOuts).toEqual([idToken]);
});

it('refuses a callback whose state is not the one this tab sent', async () => {
  const page = await freshPage();
  await startSigningIn(page);
  // Whoever sends the browser back with a code of their choosing cannot know the state.
  await page.route(`${provider.issuer}/authorize?**`, (route) =>
    route.fulfill({
      status: 302,
      headers: { location: `${office.url}/sign-in/callback?code=planted&state=forged` },
    }),
  );
  await page.getByRole('button', { name: 'Sign in' }).click();
  await refused(page, /does not match a sign-in started in this browser tab/);
  await checkPage(page, 'sign-in-refused');
  await page.getByRole('link', { name: 'Sign in again' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
});

it('refuses the sign-in when the provider does not accept the code verifier', async () => {
  const page = await freshPage(false);
  await startSigningIn(page);
  // A code intercepted on its way back is useless without this tab's verifier.
  await page.route(`${provider.issuer}/token`, (route) => {
    const form = new URLSearchParams(route.request().postData() ?? '');
    form.set('code_verifier', 'a'.repeat(43));
    return route.continue({ postData: form.toString() });
  });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await refused(page, /refused the sign-in: The code verifier does not match the code challenge/);
  // The browser reports the provider's 400 answer; nothing else may go wrong.
  expect(browserProblems(page).filter((p) => !/status of 400/.test(p))).toEqual([]);
});
