/**
 * The second provider from the sandbox: an OpenID CIBA push to the Auth0-style simulator. The binding code is
 * shown to the agent and on the simulated phone, and only the account holder's approval is APPROVED.
 */
import { expect, test } from './shell-fixture.js';
import { auditRowFor, openApp, outcome } from './app.js';
import type { Page } from '@playwright/test';

const ALICE = 'auth0|65f1a2b3c4d5e6f7a8b9c0d1';

async function sendCiba(page: Page, ticket: string): Promise<string> {
  await page.getByLabel('Profile').selectOption({ label: 'Sandbox (simulated Auth0 CIBA)' });
  await page.locator('button.sandbox-user', { hasText: ALICE }).click();
  await expect(page.getByLabel(/Target account/)).toHaveValue(ALICE);
  // A CIBA profile can only push: no methods check, no code read-back to choose.
  await expect(page.getByRole('button', { name: 'Check methods' })).toHaveCount(0);
  await page.getByLabel('Reason').fill('Caller asks for an MFA reset');
  await page.getByLabel('Ticket reference').fill(ticket);
  await page.getByRole('button', { name: 'Send push' }).click();
  const shown = page.getByTestId('binding-message');
  await expect(shown).toContainText(/MFA-\d{4}/);
  const code = /MFA-\d{4}/.exec((await shown.textContent()) ?? '')?.[0] ?? '';
  await expect(page.getByTestId('phone-binding-message')).toContainText(code);
  return code;
}

test('CIBA approve: the binding code is on the agent’s screen and the phone; approval is APPROVED and logged', async ({ page, shell }) => {
  await openApp(page, shell);
  const code = await sendCiba(page, 'INC-CIBA-1');
  expect(code).toMatch(/^MFA-\d{4}$/);
  await page.getByTestId('phone-prompt').filter({ hasText: code }).getByRole('button', { name: 'Approve' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'approved', { timeout: 20_000 });
  const rows = await auditRowFor(page, 'INC-CIBA-1');
  await expect(rows.filter({ hasText: 'verify.push' })).toContainText('approved');
  await expect(rows.filter({ hasText: 'verify.push' })).toContainText('Sandbox');
});

test('CIBA deny: the account holder declines on the phone; DENIED, never approved, and logged', async ({ page, shell }) => {
  await openApp(page, shell);
  const code = await sendCiba(page, 'INC-CIBA-2');
  const prompt = page.getByTestId('phone-prompt').filter({ hasText: code });
  await expect(prompt.getByRole('button', { name: 'Report fraud' })).toHaveCount(0);
  await prompt.getByRole('button', { name: 'Deny' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'denied', { timeout: 20_000 });
  const rows = await auditRowFor(page, 'INC-CIBA-2');
  await expect(rows.filter({ hasText: 'verify.push' })).toContainText('denied');
});
