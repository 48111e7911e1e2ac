/**
 * Safeguards as the agent meets them in Chromium: the request types the policy lists, a refusal by policy
 * told at the field it concerns, the verification token on the APPROVED panel, a privileged account that
 * needs a second method before it counts, and Settings showing the policy, what it manages and the locks.
 * Every new state is checked with axe.
 */
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './a11y.js';
import { openApp, outcome, phonePrompt, pickUser } from './app.js';
import { operatorRoles } from '../../contract/policy/sign-in.js';
import { expect, test } from './shell-fixture.js';

/** A managed policy grants the OS account only the roles it names: these tests act in every role. */
const EVERY_ROLE = { osUserRoles: [...operatorRoles] };

/** Fills the Verify form as the default policy asks: a request type, a reason and a ticket; then Send. */
async function send(page: Page, ticket: string, mode: 'push' | 'code' = 'push'): Promise<void> {
  await page.getByLabel('Request type').selectOption('Password reset');
  await page.getByLabel('Reason').fill('Caller locked out after leave');
  await page.getByLabel('Ticket reference').fill(ticket);
  await page.getByRole('button', { name: mode === 'push' ? 'Send push' : 'Send code' }).click();
}

test.describe('on the app’s defaults', () => {
  test.use({ policy: null });

  test('APPROVED carries a one-time token with its time left, copyable; the request type is required first', async ({ page, shell, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shell.origin });
    await openApp(page, shell);
    await pickUser(page, 'push');
    await page.getByLabel('Reason').fill('Caller locked out after leave');
    await page.getByLabel('Ticket reference').fill('INC-TOKEN-1');
    await page.getByRole('button', { name: 'Send push' }).click();
    const type = page.getByLabel('Request type');
    await expect(type).toHaveAttribute('aria-invalid', 'true');
    await expect(type).toBeFocused();
    await expect(page.getByText('Request type is required: choose what the caller is asking for.')).toBeVisible();
    await expectNoAxeViolations(page, 'Verify form with the request types and an error');

    await send(page, 'INC-TOKEN-1');
    await phonePrompt(page, 'push').getByRole('button', { name: 'Approve' }).click();
    await expect(outcome(page)).toHaveAttribute('data-status', 'approved');
    await expect(page.getByTestId('assurance')).toHaveText(/^LOW: a push the account holder approved/);
    const panel = page.getByTestId('verification-token');
    await expect(panel).toHaveAttribute('data-state', 'valid');
    const token = (await page.getByTestId('token-value').textContent()) ?? '';
    expect(token).toMatch(/^MFAV(-[0-9A-Z]{5}){4}$/);
    await expect(page.getByTestId('token-expiry')).toHaveText(/^Valid once, for (60|59|58|57) more seconds/);
    await expect(page.getByTestId('next-steps')).toContainText('Give the reset step the verification token below within 60 seconds');
    await panel.getByRole('button', { name: 'Copy token' }).click();
    await expect(panel.getByRole('status')).toHaveText('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await expectNoAxeViolations(page, 'APPROVED with its verification token');
  });

  test('a second push to the same account is refused at the account field, in plain words, and recorded', async ({ page, shell }) => {
    await openApp(page, shell);
    await pickUser(page, 'push-totp');
    await send(page, 'INC-COOL-1');
    await phonePrompt(page, 'push-totp').getByRole('button', { name: 'Deny' }).click();
    await expect(outcome(page)).toHaveAttribute('data-status', 'denied');
    await page.getByRole('button', { name: 'Start a new verification' }).click();
    await pickUser(page, 'push-totp');
    await send(page, 'INC-COOL-2');
    const account = page.getByLabel(/^Target account/);
    await expect(account).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('.field-error')).toHaveText(/^Sign-in name \(UPN\) cannot get another push for .* so pushes never pile up on the phone\. Use code read-back/);
    await expect(phonePrompt(page, 'push-totp')).toHaveCount(0);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Search').fill('INC-COOL-2');
    await expect(page.getByTestId('audit-row').filter({ hasText: 'refused' }).first()).toBeVisible();
  });
});

test.describe('a policy with a ticket format', () => {
  test.use({ policy: { version: 1, signIn: EVERY_ROLE, verification: { ticketFormats: ['INC#######'] } } });

  test('the ticket field says the format, and main’s refusal is told at it', async ({ page, shell }) => {
    await openApp(page, shell);
    await expect(page.getByText('The helpdesk ticket for this call: INC followed by 7 digits, such as INC1234567.')).toBeVisible();
    await pickUser(page, 'push');
    await send(page, 'INC-42');
    const ticket = page.getByLabel('Ticket reference');
    await expect(ticket).toHaveAttribute('aria-invalid', 'true');
    await expect(ticket).toBeFocused();
    await expect(page.getByText('Ticket reference must be INC followed by 7 digits (for example INC1234567).')).toBeVisible();
    await expect(phonePrompt(page, 'push')).toHaveCount(0);
    await ticket.fill('INC0012345');
    await page.getByRole('button', { name: 'Send push' }).click();
    await expect(phonePrompt(page, 'push')).toBeVisible();
  });
});

test.describe('a policy with privileged accounts', () => {
  test.use({ policy: { version: 1, signIn: EVERY_ROLE, verification: { privileged: { targets: ['push-totp@*'] } }, limits: { cooldownSeconds: 0 } } });

  test('a push approval of a privileged account is MORE PROOF NEEDED; a code read-back completes it to HIGH, with a token', async ({ page, shell }) => {
    await openApp(page, shell);
    await pickUser(page, 'push-totp');
    await send(page, 'INC-PRIV-1');
    await phonePrompt(page, 'push-totp').getByRole('button', { name: 'Approve' }).click();
    await expect(outcome(page)).toHaveAttribute('data-status', 'insufficient');
    await expect(page.locator('.status-word')).toHaveText('MORE PROOF NEEDED');
    await expect(outcome(page)).not.toHaveClass(/tone-approved/);
    await expect(page.getByTestId('verification-token')).toHaveCount(0);
    const needed = page.getByTestId('proof-needed');
    await expect(needed).toContainText('This account needs HIGH assurance (it is on your organisation’s list of privileged accounts); this approval reached LOW.');
    await expectNoAxeViolations(page, 'MORE PROOF NEEDED with its next steps');

    await needed.getByRole('button', { name: 'Verify with code read-back' }).click();
    await expect(outcome(page)).toHaveAttribute('data-status', 'awaiting_code');
    const prompt = phonePrompt(page, 'push-totp');
    await expect(prompt).toContainText(/\d{6}/);
    const code = /(\d{6,8})/.exec((await prompt.textContent()) ?? '')?.[1] ?? '';
    await page.getByLabel('Code the caller reads to you').fill(code);
    await page.getByRole('button', { name: 'Check code' }).click();
    await expect(outcome(page)).toHaveAttribute('data-status', 'approved');
    await expect(page.getByTestId('assurance')).toHaveText(/^HIGH: two methods/);
    await expect(page.getByTestId('verification-token')).toHaveAttribute('data-state', 'valid');
  });
});

test.describe('a managed installation', () => {
  test.use({ policy: { version: 1, signIn: EVERY_ROLE, sandbox: { offered: true }, audit: { retentionDays: 400 }, verification: { reasons: [] } } });

  test('Settings shows the policy in force, what it manages, and the accounts it locked; an administrator clears a lock', async ({ page, shell }) => {
    await openApp(page, shell);
    await pickUser(page, 'push');
    await page.getByLabel('Reason').fill('Caller asks for a reset');
    await page.getByLabel('Ticket reference').fill('INC-LOCK-1');
    await page.getByRole('button', { name: 'Send push' }).click();
    await phonePrompt(page, 'push').getByRole('button', { name: 'Report fraud' }).click();
    await expect(outcome(page)).toHaveAttribute('data-status', 'fraud');
    await expect(page.getByTestId('next-steps')).toContainText('This account is now locked against further verifications from this app');

    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByTestId('policy-source')).toContainText('Your organisation’s policy is in force');
    await expect(page.getByTestId('policy-source')).toContainText('policy.json');
    await expect(page.getByRole('checkbox', { name: /Offer the sandbox/ })).toBeDisabled();
    await expect(page.getByTestId('managed-note').filter({ hasText: 'Whether the sandbox is offered' })).toBeVisible();
    await expect(page.getByTestId('retention-managed')).toHaveText('Audit entries are kept for 400 days.');
    const lock = page.getByTestId('locked-account');
    await expect(lock).toContainText('the account holder reported a request as fraud');
    await expectNoAxeViolations(page, 'Settings with a managed policy and a lock');

    await lock.getByRole('button', { name: 'Clear lock…' }).click();
    await lock.getByLabel(/What was checked/).fill('Called the account holder back on the number on file.');
    await lock.getByRole('button', { name: 'Clear the lock' }).click();
    await expect(page.getByTestId('locked-account')).toHaveCount(0);
    await expect(page.getByText('No account is locked.')).toBeVisible();
  });
});
