/**
 * Enrolling the simulated phone from the Enroll screen: the phone's authenticator app reads the QR code from
 * the pixels on screen (a QR decoder, no side channel), shows the rolling code, and the agent types it back.
 * Through VisualGuard and through the app's own authenticator; then the caller is verified by read-back code
 * and a code that was already used is refused.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './shell-fixture.js';
import { auditRowFor, openApp, outcome } from './app.js';

const enrollment = (page: Page) => page.getByTestId('enrollment-outcome');
const phoneCode = (page: Page, account: string) => page.getByTestId('phone-totp').filter({ hasText: account }).getByTestId('phone-totp-code');

/** The sandbox user whose name is exactly `user`. */
const pickUser = (page: Page, user: string) =>
  page.locator('button.sandbox-user').filter({ has: page.locator('.sandbox-user-upn').getByText(user, { exact: true }) }).click();

async function codeOnPhone(page: Page, account: string): Promise<string> {
  await expect(phoneCode(page, account)).toHaveText(/^\d{3} \d{3}$/);
  return ((await phoneCode(page, account).textContent()) ?? '').replace(/\s/g, '');
}

/** Fills the Enroll form from the simulated phone's user list and shows the QR code. */
async function startEnrollment(page: Page, profile: string, user: string, ticket: string): Promise<void> {
  await page.getByRole('link', { name: 'Enroll authenticator' }).click();
  await page.getByLabel('Profile').selectOption({ label: profile });
  await pickUser(page, user);
  await page.getByLabel('Reason').fill('New phone; user verified on a call-back');
  await page.getByLabel('Ticket reference').fill(ticket);
  await page.getByRole('button', { name: 'Show QR code' }).click();
  await expect(enrollment(page)).toHaveAttribute('data-status', 'awaiting_code');
  const qr = page.getByTestId('enroll-qr');
  await expect(qr).toBeVisible();
  // Large enough to scan from a second screen.
  expect((await qr.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(280);
  await expect(page.getByTestId('step-countdown')).toContainText(/changes in \d+ s/);
}

/** The phone scans the QR on screen; the agent types the code it shows. */
async function scanAndConfirm(page: Page, account: string): Promise<string> {
  await page.getByRole('button', { name: 'Scan the QR code on screen' }).click();
  const code = await codeOnPhone(page, account);
  await page.getByLabel('First code from the user’s app').fill(code);
  await page.keyboard.press('Enter');
  await expect(enrollment(page)).toHaveAttribute('data-status', 'enrolled');
  await expect(page.getByRole('heading', { name: /^ENROLLED/ })).toBeFocused();
  await expect(page.getByTestId('enroll-qr')).toHaveCount(0);
  return code;
}

test('VisualGuard: the phone scans the QR on screen, a wrong code is refused, the right one enrolls; each step is logged', async ({ page, shell }) => {
  await openApp(page, shell);
  await startEnrollment(page, 'Sandbox (simulated VisualGuard)', 'jdoe', 'INC-ENR-VG');
  await expect(page.getByText('MFA methods on file')).toBeVisible();
  await expect(enrollment(page)).not.toContainText('@example.com');
  // VisualGuard hands over only an image: there is no setup key to show.
  await expect(page.getByRole('button', { name: /setup key/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Scan the QR code on screen' }).click();
  const code = await codeOnPhone(page, 'jdoe');
  await page.getByLabel('First code from the user’s app').fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Confirm code' }).click();
  await expect(enrollment(page)).toContainText('4 tries left');
  await expect(page.getByLabel('First code from the user’s app')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('First code from the user’s app')).toBeFocused();
  await scanAndConfirm(page, 'jdoe');
  await expect(enrollment(page)).toContainText('What to tell the user');

  const rows = await auditRowFor(page, 'INC-ENR-VG');
  await expect(rows.filter({ hasText: 'enroll.start' })).toContainText('qr_shown');
  await expect(rows.filter({ hasText: 'enroll.confirm' })).toHaveCount(2);
});

test('App authenticator: enroll the phone, verify the caller by read-back code; used codes are refused', async ({ page, shell }) => {
  test.setTimeout(120_000);
  await openApp(page, shell);
  await startEnrollment(page, 'Sandbox (app authenticator)', 'alex@example.com', 'INC-ENR-APP');
  await page.getByRole('button', { name: /Show the setup key/ }).click();
  await expect(page.getByTestId('setup-key')).toHaveText(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  await page.getByRole('button', { name: 'Hide the setup key' }).click();
  await expect(page.getByTestId('setup-key')).toHaveCount(0);
  const enrollmentCode = await scanAndConfirm(page, 'alex@example.com');

  // Verify the caller with the same profile: a code check, no push.
  await page.getByRole('link', { name: 'Verify caller' }).click();
  await page.getByLabel('Profile').selectOption({ label: 'Sandbox (app authenticator)' });
  await pickUser(page, 'alex@example.com');
  await page.getByLabel('Reason').fill('Caller asks for a password reset');
  await page.getByLabel('Ticket reference').fill('INC-VER-APP');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'awaiting_code');
  const input = page.getByLabel('Code the caller reads to you');

  // The code that confirmed the enrollment has been used: it never verifies anyone.
  await input.fill(enrollmentCode);
  await page.getByRole('button', { name: 'Check code' }).click();
  await expect(outcome(page)).toContainText('already used');
  await expect(outcome(page)).toHaveAttribute('data-status', 'awaiting_code');

  // The phone shows the next code within one time step.
  await expect.poll(() => codeOnPhone(page, 'alex@example.com'), { timeout: 35_000 }).not.toBe(enrollmentCode);
  const fresh = await codeOnPhone(page, 'alex@example.com');
  await input.fill(fresh);
  await page.getByRole('button', { name: 'Check code' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'approved');

  // A replay of the accepted code in a new verification is refused.
  await page.getByRole('button', { name: 'Start a new verification' }).click();
  await pickUser(page, 'alex@example.com');
  await page.getByLabel('Reason').fill('Second call');
  await page.getByLabel('Ticket reference').fill('INC-VER-APP-2');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'awaiting_code');
  await page.getByLabel('Code the caller reads to you').fill(fresh);
  await page.getByRole('button', { name: 'Check code' }).click();
  await expect(outcome(page)).toContainText('already used');
  await expect(outcome(page)).toHaveAttribute('data-status', 'awaiting_code');

  const rows = await auditRowFor(page, 'INC-VER-APP');
  await expect(rows.filter({ hasText: 'verify.otp' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'wrong_code' })).toHaveCount(2);
});
