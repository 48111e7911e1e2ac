/**
 * Every other outcome an agent can meet, produced from the sandbox: provider refusals, a code lockout, and
 * broken provider answers injected on the simulated phone's "Next provider response". Each ends in its own
 * state with the provider's code, is logged, and none is ever an approval.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './shell-fixture.js';
import { auditRowFor, openApp, outcome, phonePrompt, sendVerification } from './app.js';

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

const faults: { label: string; code: string }[] = [
  { label: 'Server error (HTTP 500)', code: 'http_500' },
  { label: 'HTML error page', code: 'html_response' },
  { label: 'Malformed XML', code: 'malformed_response' },
  { label: 'XML entity bomb', code: 'malformed_response' },
  { label: 'Oversized response', code: 'response_too_large' },
  { label: 'Throttled', code: 'AuthenticationThrottled' },
];

for (const fault of faults) {
  test(`provider answer "${fault.label}" is an error (${fault.code}), logged, never approved`, async ({ page, shell }) => {
    await openApp(page, shell);
    await injectFault(page, fault.label);
    const ticket = `INC-${fault.code}-${fault.label.length}`;
    await sendVerification(page, 'push', ticket);
    await expectLoggedError(page, ticket, fault.code);
  });
}

test('an expired token (401) is renewed once and the push goes through', async ({ page, shell }) => {
  await openApp(page, shell);
  await injectFault(page, 'Expired token (401, once)');
  await sendVerification(page, 'push', 'INC-REAUTH-1');
  await phonePrompt(page, 'push').getByRole('button', { name: 'Approve' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'approved');
});

test('user not found: error with UserNotFound, logged', async ({ page, shell }) => {
  await openApp(page, shell);
  await sendVerification(page, 'nobody', 'INC-NOTFOUND-1');
  await expectLoggedError(page, 'INC-NOTFOUND-1', 'UserNotFound');
});

test('no methods: the pre-check shows none and the agent cannot send', async ({ page, shell }) => {
  await openApp(page, shell);
  await page.locator('button.sandbox-user', { hasText: 'no-methods@' }).click();
  await page.getByRole('button', { name: 'Check methods' }).click();
  await page.getByLabel('Reason').fill('Caller asks for a password reset');
  await page.getByLabel('Ticket reference').fill('INC-NOMETHODS-1');
  await expect(page.getByText(/Verify the caller another way/)).toBeVisible();
  await expect(page.getByRole('button', { name: /Send (push|code)/ })).toBeDisabled();
  const rows = await auditRowFor(page, 'no-methods@');
  await expect(rows.filter({ hasText: 'verify.methods' }).first()).toContainText('success');
});

test('code read-back lockout: after the allowed wrong codes the account is LOCKED OUT', async ({ page, shell }) => {
  await openApp(page, shell);
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
