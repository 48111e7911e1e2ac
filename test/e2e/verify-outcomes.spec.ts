/**
 * Other outcomes an agent can meet, produced from the sandbox: a renewed token, provider refusals, an account
 * with no methods, and a code lockout (broken provider answers are in verify-faults). Each ends in its own
 * state with the provider's code, is logged, and none is ever an approval. One shell for the file.
 */
import type { Page } from '@playwright/test';
import { expect, sharedShell, test } from './shell-fixture.js';
import { auditRowFor, fillAndSend, openApp, outcome, phonePrompt, pickUser, sendVerification } from './app.js';

const shell = sharedShell();

async function injectFault(page: Page, label: string): Promise<void> {
  await page.getByLabel('Next provider response').selectOption({ label });
  await expect(page.getByLabel('Next provider response')).toHaveValue(/.+/);
}

async function expectLoggedError(page: Page, ticket: string, code: string): Promise<void> {
  await expect(outcome(page)).toHaveAttribute('data-status', 'error');
  await expect(outcome(page)).toContainText(code);
  const rows = await auditRowFor(page, ticket);
  await expect(rows.filter({ hasText: 'verify.push' })).toContainText(code);
  await expect(rows.filter({ hasText: 'verify.push' })).not.toContainText('approved');
}

test('an expired token (401) is renewed once and the push goes through', async ({ page }) => {
  await openApp(page, shell());
  await pickUser(page, 'push');
  await injectFault(page, 'Expired token (401, once)');
  await fillAndSend(page, 'INC-REAUTH-1');
  await phonePrompt(page, 'push').getByRole('button', { name: 'Approve' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'approved');
});

test('user not found: error with UserNotFound, logged', async ({ page }) => {
  await openApp(page, shell());
  await sendVerification(page, 'nobody', 'INC-NOTFOUND-1');
  await expectLoggedError(page, 'INC-NOTFOUND-1', 'UserNotFound');
});

test('no methods: the automatic check shows none, and Send says why at the account field instead of sending', async ({ page }) => {
  await openApp(page, shell());
  await pickUser(page, 'no-methods');
  await expect(page.getByTestId('methods')).toContainText('has no registered authentication methods');
  await fillAndSend(page, 'INC-NOMETHODS-1');
  await expect(page.getByLabel('Target account')).toBeFocused();
  await expect(page.getByText(/no method for a push or a code read-back\. Verify the caller another way/)).toBeVisible();
  await expect(outcome(page)).toHaveCount(0);
  const rows = await auditRowFor(page, 'no-methods@');
  await expect(rows.filter({ hasText: 'verify.methods' }).first()).toContainText('success');
  await expect(rows.filter({ hasText: 'verify.push' })).toHaveCount(0);
});

test('code read-back lockout: after the allowed wrong codes the account is LOCKED OUT', async ({ page }) => {
  await openApp(page, shell());
  await sendVerification(page, 'totp', 'INC-LOCKOUT-1', 'code');
  await expect(outcome(page)).toHaveAttribute('data-status', 'awaiting_code');
  const prompt = phonePrompt(page, 'totp');
  await expect(prompt).toContainText(/\d{6}/);
  const code = /(\d{6,8})/.exec((await prompt.textContent()) ?? '')?.[1] ?? '';
  const wrong = code === '000000' ? '111111' : '000000';
  const input = page.getByLabel('Code the caller reads to you');
  for (const left of ['2 attempts left', '1 attempt left', '0 attempts left']) {
    await input.fill(wrong);
    await page.getByRole('button', { name: 'Check code' }).click();
    await expect(page.getByText(left)).toBeVisible();
  }
  await input.fill(wrong);
  await page.getByRole('button', { name: 'Check code' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'locked_out');
  const rows = await auditRowFor(page, 'INC-LOCKOUT-1');
  await expect(rows.filter({ hasText: 'verify.otp' })).toContainText(/locked/i);
});
