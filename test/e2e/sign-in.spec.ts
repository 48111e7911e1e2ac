/**
 * Operator sign-in end to end in Chromium: the app asks for a sign-in, opens the organisation's sign-in page
 * (oidc-provider on 127.0.0.1) in a new tab, and comes back signed in with the roles of the account's groups.
 * What those roles do not allow is hidden, and refused by main when asked for anyway; an auditor then finds the
 * refusals in the audit log.
 */
import type { Page } from '@playwright/test';
import { expectNoAxeViolations, loadAxe } from './a11y.js';
import { expect, test } from './sign-in-fixture.js';

/** Signs in on the provider's own pages in the tab the app opens; waits for the app to show the operator. */
async function signIn(page: Page, login: string, name: string): Promise<void> {
  const tab = page.context().waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in with your organisation account' }).click();
  await expect(page.getByTestId('sign-in-waiting')).toBeVisible();
  const idp = await tab;
  await idp.locator('input[name=login]').fill(login);
  await idp.locator('input[name=password]').fill('any');
  await idp.getByRole('button', { name: 'Sign-in' }).click();
  await idp.getByRole('button', { name: 'Continue' }).click();
  await expect(idp.getByRole('heading', { name: 'Signed in to MFA Approver' })).toBeVisible();
  await idp.close();
  await expect(page.getByTestId('operator')).toContainText(name);
}

test('signs in through the organisation’s provider; roles decide the screens, and main refuses the rest', async ({ page, shell }) => {
  await loadAxe(page);
  await page.goto(shell.url);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('not-signed-in')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveCount(0);
  await expectNoAxeViolations(page, 'Sign in');
  // Main decides, whatever the page shows: a call made anyway is refused.
  expect(await page.evaluate(() => window.mfa.verify.list())).toEqual({
    ok: false,
    code: 'forbidden',
    message: 'Sign in first: this computer needs you to sign in with your organisation account.',
  });

  await signIn(page, 'user-alice', 'alice@example.com');
  await expect(page.getByTestId('operator-roles')).toHaveText('(Helpdesk agent)');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText(['Verify caller', 'Enroll authenticator']);
  await expect(page.getByRole('heading', { name: 'Verify caller' })).toBeVisible();
  await expect(page.getByLabel('Profile')).toContainText('Sandbox');

  // The audit log by its address: the screen says no, and so does main.
  await page.goto(`${shell.origin}/#/audit`);
  await expect(page.getByTestId('no-access')).toContainText('Your role does not open this screen.');
  await expectNoAxeViolations(page, 'No access, signed in');
  const refused = await page.evaluate(() => window.mfa.audit.query({ limit: 5 }));
  expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
  expect(!refused.ok && refused.message).toContain('This needs the Auditor or Administrator role');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signIn(page, 'user-bob', 'bob@example.com');
  await expect(nav.getByRole('link')).toHaveText(['Audit log']);
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Event').selectOption('authz_fail');
  const rows = page.getByTestId('audit-row');
  // Exactly the two calls made on purpose: the page itself never asks for what the roles do not allow.
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'alice@example.com' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'alice@example.com' })).toContainText('audit:query: needs auditor or admin');
});
