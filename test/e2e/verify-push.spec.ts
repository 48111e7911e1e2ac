/**
 * An agent verifies sandbox callers with a push: every outcome is unmistakable, says who did what and what to
 * do next, and lands in the audit log. One shell for the file: at most three pushes per account.
 */
import { expect, sharedShell, test } from './shell-fixture.js';
import { expectAccessibleOutcome, loadAxe } from './a11y.js';
import { auditRowFor, openApp, outcome, phonePrompt, sendVerification } from './app.js';

const shell = sharedShell();
const domain = 'sandbox.contoso.example';

test('approve: APPROVED, what may now happen for this ticket, and logged', async ({ page }) => {
  await openApp(page, shell());
  await sendVerification(page, 'push', 'INC-APPROVE-1');
  await expect(outcome(page)).toHaveAttribute('data-status', 'pending');
  await expect(page.getByTestId('agent-script')).toContainText('approve the sign-in request in Microsoft Authenticator');
  await phonePrompt(page, 'push').getByRole('button', { name: 'Approve' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'approved');
  await expect(outcome(page)).toContainText(/approved/i);
  await expect(page.locator('#status-heading')).toHaveText('APPROVED: The account holder approved the request');
  await expect(page.getByTestId('next-steps')).toContainText('What you may do now');
  await expect(page.getByTestId('next-steps')).toContainText(`You may go ahead with the reset for ticket INC-APPROVE-1, for push@${domain} only.`);
  await expect(page.getByRole('button', { name: 'Start a new verification' })).toHaveClass(/button-primary/);
  const rows = await auditRowFor(page, 'INC-APPROVE-1');
  await expect(rows.filter({ hasText: 'verify.push' })).toContainText('approved');
});

test('deny: the account holder denied it; "Do not proceed" comes first, is recorded, and escalation says what to do', async ({ page }) => {
  await openApp(page, shell());
  await sendVerification(page, 'push-totp', 'INC-DENY-1');
  await phonePrompt(page, 'push-totp').getByRole('button', { name: 'Deny' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'denied');
  await expect(outcome(page)).toContainText('PhoneAppDenied');
  await expect(outcome(page)).toContainText(/do not proceed/i);
  await expect(page.locator('#status-heading')).toHaveText('DENIED: The account holder denied the request');
  await expect(outcome(page)).not.toContainText(/the caller denied/i);

  // "Do not proceed" is the primary action, before anything else; a new verification is secondary and last.
  const doNotProceed = page.getByRole('button', { name: 'Do not proceed — record it' });
  const startNew = page.getByRole('button', { name: 'Start a new verification' });
  await expect(doNotProceed).toHaveClass(/button-primary/);
  await expect(startNew).not.toHaveClass(/button-primary/);
  const order = await outcome(page).getByRole('button').allTextContents();
  expect(order.indexOf('Do not proceed — record it')).toBeLessThan(order.indexOf('Start a new verification'));
  expect(order.at(-1)).toBe('Start a new verification');

  await doNotProceed.click();
  await expect(page.getByTestId('recorded')).toContainText('You did not proceed with the request.');
  await page.getByRole('button', { name: 'Escalate to security' }).click();
  const escalation = page.getByTestId('escalation');
  await expect(escalation).toContainText('Tell your security team now');
  await expect(escalation).toContainText('ticket INC-DENY-1');
  await escalation.getByRole('button', { name: 'Record that I escalated it' }).click();
  await expect(escalation.getByTestId('recorded')).toContainText('You escalated this call to security.');

  const rows = await auditRowFor(page, 'INC-DENY-1');
  await expect(rows.filter({ hasText: 'verify.push' })).toContainText('denied');
  await expect(rows.filter({ hasText: 'verify.not_proceeded' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'verify.escalated' })).toHaveCount(1);
});

// Before the fraud test: a fraud report locks push@ for the rest of this file.
test('cancel: the agent cancels; a late approval on the phone does not count', async ({ page }) => {
  await openApp(page, shell());
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

test('fraud: FRAUD REPORTED by the account holder, with its own icon, "Do not proceed" first, and logged', async ({ page }) => {
  await openApp(page, shell());
  await sendVerification(page, 'push', 'INC-FRAUD-1');
  await phonePrompt(page, 'push').getByRole('button', { name: 'Report fraud' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'fraud');
  await expect(page.locator('#status-heading')).toHaveText('FRAUD REPORTED: The account holder reported the request as fraud');
  await expect(outcome(page).locator('svg[data-icon]')).not.toHaveAttribute('data-icon', 'alert');
  await expect(page.getByRole('button', { name: 'Do not proceed — record it' })).toHaveClass(/button-primary/);
  await expect(page.getByRole('button', { name: 'Start a new verification' })).not.toHaveClass(/button-primary/);
  const rows = await auditRowFor(page, 'INC-FRAUD-1');
  await expect(rows.filter({ hasText: 'verify.push' })).toContainText('fraud');
});

test('timeout: nobody answers, TIMED OUT (never approved), accessible, and logged', async ({ page }) => {
  await loadAxe(page);
  await openApp(page, shell());
  await sendVerification(page, 'push-totp', 'INC-TIMEOUT-1');
  await phonePrompt(page, 'push-totp').getByRole('button', { name: 'Ignore' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'timeout', { timeout: 15_000 });
  await expect(outcome(page)).toContainText('PhoneAppNoResponse');
  await expect(page.locator('#status-heading')).toHaveText('TIMED OUT: The account holder did not answer in time');
  // No axe violation, and focus rings and buttons at 3:1 on the TIMED OUT panel, in both themes.
  await expectAccessibleOutcome(page, outcome(page), 'timeout');
  const rows = await auditRowFor(page, 'INC-TIMEOUT-1');
  await expect(rows.filter({ hasText: 'verify.push' })).toContainText('timed out');
});

test('a foreign-tenant account is refused by the provider: an error with its code, and no "caller" for the app', async ({ page }) => {
  await openApp(page, shell());
  await sendVerification(page, 'someone', 'INC-FOREIGN-1');
  await expect(outcome(page)).toHaveAttribute('data-status', 'error');
  await expect(outcome(page)).toContainText('AccessDenied');
  await expect(page.locator('#status-heading')).toHaveText('ERROR: The account belongs to another tenant');
  // What the agent reads first never calls the app "caller"; Entra ID's own words are explained behind Details for IT.
  await expect(outcome(page).locator('.status-message')).not.toContainText(/caller/i);
  await outcome(page).getByText('Details for IT').click();
  await expect(outcome(page).locator('.status-detail-text')).toContainText('the “caller” is this app and its tenant, not the person on the phone');
});

test('a finished outcome is cleared when the agent leaves the screen, so it is never shown as current later', async ({ page }) => {
  await openApp(page, shell());
  await sendVerification(page, 'push-totp', 'INC-STALE-1');
  await phonePrompt(page, 'push-totp').getByRole('button', { name: 'Approve' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'approved');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('link', { name: 'Verify caller' }).click();
  await expect(page.getByLabel('Target account')).toBeVisible();
  await expect(outcome(page)).toHaveCount(0);
});
