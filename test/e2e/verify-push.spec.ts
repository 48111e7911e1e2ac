/** An agent verifies sandbox callers with a push: every outcome is unmistakable and lands in the audit log. */
import { expect, test } from './shell-fixture.js';
import { auditRowFor, openApp, outcome, phonePrompt, sendVerification } from './app.js';

test('approve: the caller approves on the phone, the outcome is APPROVED and logged', async ({ page, shell }) => {
  await openApp(page, shell);
  await sendVerification(page, 'push', 'INC-APPROVE-1');
  await expect(outcome(page)).toHaveAttribute('data-status', 'pending');
  await expect(page.getByTestId('agent-script')).toContainText('approve the sign-in request in Microsoft Authenticator');
  await phonePrompt(page, 'push').getByRole('button', { name: 'Approve' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'approved');
  await expect(outcome(page)).toContainText(/approved/i);
  const rows = await auditRowFor(page, 'INC-APPROVE-1');
  await expect(rows.filter({ hasText: 'verify.push' })).toContainText('approved');
});

test('deny: DENIED with the instruction not to proceed, and logged', async ({ page, shell }) => {
  await openApp(page, shell);
  await sendVerification(page, 'push', 'INC-DENY-1');
  await phonePrompt(page, 'push').getByRole('button', { name: 'Deny' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'denied');
  await expect(outcome(page)).toContainText('PhoneAppDenied');
  await expect(outcome(page)).toContainText(/do not proceed/i);
  const rows = await auditRowFor(page, 'INC-DENY-1');
  await expect(rows.filter({ hasText: 'verify.push' })).toContainText('denied');
});

test('fraud: the caller reports fraud, FRAUD REPORTED, and logged', async ({ page, shell }) => {
  await openApp(page, shell);
  await sendVerification(page, 'push', 'INC-FRAUD-1');
  await phonePrompt(page, 'push').getByRole('button', { name: 'Report fraud' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'fraud');
  const rows = await auditRowFor(page, 'INC-FRAUD-1');
  await expect(rows.filter({ hasText: 'verify.push' })).toContainText('fraud');
});

test('timeout: nobody answers, TIMED OUT (never approved), and logged', async ({ page, shell }) => {
  await openApp(page, shell);
  await sendVerification(page, 'push', 'INC-TIMEOUT-1');
  await phonePrompt(page, 'push').getByRole('button', { name: 'Ignore' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'timeout', { timeout: 15_000 });
  await expect(outcome(page)).toContainText('PhoneAppNoResponse');
  const rows = await auditRowFor(page, 'INC-TIMEOUT-1');
  await expect(rows.filter({ hasText: 'verify.push' })).toContainText('timed out');
});

test('cancel: the agent cancels; a late approval on the phone does not count', async ({ page, shell }) => {
  await openApp(page, shell);
  await sendVerification(page, 'push', 'INC-CANCEL-1');
  await expect(phonePrompt(page, 'push')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel verification' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'cancelled');
  const late = phonePrompt(page, 'push').getByRole('button', { name: 'Approve' });
  if (await late.isVisible()) await late.click();
  await page.waitForTimeout(500);
  await expect(outcome(page)).toHaveAttribute('data-status', 'cancelled');
  const rows = await auditRowFor(page, 'INC-CANCEL-1');
  await expect(rows.filter({ hasText: 'verify.push' })).toContainText('cancelled');
});

test('a foreign-tenant account is refused by the provider and shown as an error with its code', async ({ page, shell }) => {
  await openApp(page, shell);
  await sendVerification(page, 'someone', 'INC-FOREIGN-1');
  await expect(outcome(page)).toHaveAttribute('data-status', 'error');
  await expect(outcome(page)).toContainText('AccessDenied');
});

test('a finished outcome is cleared when the agent leaves the screen, so it is never shown as current later', async ({ page, shell }) => {
  await openApp(page, shell);
  await sendVerification(page, 'push', 'INC-STALE-1');
  await phonePrompt(page, 'push').getByRole('button', { name: 'Approve' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'approved');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('link', { name: 'Verify caller' }).click();
  await expect(page.getByLabel('Target account')).toBeVisible();
  await expect(outcome(page)).toHaveCount(0);
});
