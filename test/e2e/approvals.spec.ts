/**
 * Finance approvals in the sandbox, in Chromium: a release above the threshold from request to signed receipt.
 * The first approver confirms with a Guardian push on the simulated phone, the same person again is not
 * counted, a second approver confirms with the code texted to the phone; the receipt is shown, exported and
 * listed. Approval links pre-fill the form only, and a malicious one is refused without running anything.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './shell-fixture.js';

const PROFILE = 'Sandbox (simulated Auth0 approvals)';

async function openApprovals(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('link', { name: 'Approvals' }).click();
  await expect(page.getByLabel('Approvals profile')).toHaveValue(/.+/);
  await expect(page.getByLabel('Approvals profile').locator('option:checked')).toHaveText(PROFILE);
}

/** The sandbox password of a user, as the simulated phone panel lists it. */
async function passwordOf(page: Page, user: string): Promise<string> {
  const text = (await page.locator('button.sandbox-user', { hasText: user }).textContent()) ?? '';
  return /Password: (\S+)/.exec(text)?.[1] ?? '';
}

async function signIn(page: Page, user: string): Promise<void> {
  const password = await passwordOf(page, user);
  await page.locator('button.sandbox-user', { hasText: user }).click();
  await expect(page.getByLabel('Your Auth0 user name')).toHaveValue(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in to approve' }).click();
  // The password field is gone with the form; it was cleared before the call went out.
  await expect(page.getByTestId('step-up')).toHaveAttribute('data-status', 'choose_factor');
}

test('a release above the threshold: push, the same person refused, a texted code, a signed receipt', async ({ page, shell }) => {
  await openApprovals(page, shell.url);
  await page.getByLabel('Reference').fill('PAY-E2E-0001');
  await page.getByLabel('Amount').fill('48000');
  await page.getByLabel('Currency').fill('EUR');
  await page.getByLabel('Beneficiary').fill('Nordlicht Solar AG');
  await page.getByRole('textbox', { name: 'IBAN' }).fill('DE89 3704 0044 0532 0130 00');
  await page.getByLabel('Purpose').fill('Invoice 2026-0815');
  await page.getByRole('button', { name: 'Review release' }).click();

  const release = page.getByTestId('release');
  await expect(release).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('transaction-code')).toHaveText(/^[A-Z2-7]{4}-[A-Z2-7]{4}$/);
  await expect(release).toContainText('Two different approvers: the amount is above 10000 EUR.');
  await expect(release).toContainText('48000.00 EUR');

  // Approver 1: Guardian push, approved on the simulated phone.
  await signIn(page, 'alice@example.com');
  await page.getByRole('button', { name: 'Guardian push to Alice’s iPhone' }).click();
  await expect(page.getByText('Open Guardian on your phone and approve the sign-in request.')).toBeVisible();
  await page.getByTestId('phone-prompt').filter({ hasText: 'alice@example.com' }).getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('step-up-result')).toHaveAttribute('data-status', 'approved', { timeout: 20_000 });
  await expect(page.getByTestId('step-up-result')).toContainText('Your approval is recorded');
  await expect(release).toContainText('Approvals: 1 of 2');

  // The same person again: verified, but not counted.
  await signIn(page, 'alice@example.com');
  await page.getByRole('button', { name: 'Guardian push to Alice’s iPhone' }).click();
  await page.getByTestId('phone-prompt').filter({ hasText: 'alice@example.com' }).getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('step-up-result')).toHaveAttribute('data-status', 'refused', { timeout: 20_000 });
  await expect(page.getByTestId('step-up-result')).toContainText('You have already approved this release. A second, different person must approve it.');
  await expect(release).toContainText('Approvals: 1 of 2');

  // Approver 2: the code texted to the simulated phone.
  await signIn(page, 'carol@example.com');
  await page.getByRole('button', { name: 'Text message to XXXXXXXX4402' }).click();
  const sms = page.getByTestId('phone-prompt').filter({ hasText: 'carol@example.com' });
  const code = ((await sms.locator('.sms-code').textContent()) ?? '').trim();
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel('Code sent to your phone').fill(code);
  await page.getByRole('button', { name: 'Confirm' }).click();

  await expect(release).toHaveAttribute('data-status', 'approved');
  await expect(page.getByTestId('step-up-result')).toContainText('Release approved');
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toContainText('alice@example.com');
  await expect(receipt).toContainText('carol@example.com');
  await expect(page.getByTestId('receipt-jws')).toHaveValue(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  await receipt.getByRole('button', { name: 'Export receipt file' }).click();
  await expect(receipt).toContainText(/Receipt saved to .*receipt-PAY-E2E-0001-[0-9a-f]{8}\.jws/);
  await expect(page.getByTestId('receipt-row').filter({ hasText: 'PAY-E2E-0001' })).toContainText('alice@example.com, carol@example.com');

  // Each step is in the audit log, the receipt among them.
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Search').fill('PAY-E2E-0001');
  await expect(page.getByTestId('audit-row').filter({ hasText: 'approval.receipt' }).filter({ hasText: 'issued' })).toBeVisible();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'approval.refused' })).toBeVisible();
});

test('an approval link only pre-fills the form; a malicious one is refused and runs nothing', async ({ page, shell }) => {
  await openApprovals(page, shell.url);
  const link = 'mfa-approver://approve?ref=PAY-LINK-7&amount=1200.50&currency=EUR&beneficiary=Acme+GmbH&iban=DE89370400440532013000&purpose=Invoice+77';
  await page.goto(`${shell.origin}/#/approvals?link=${encodeURIComponent(link)}`);
  await expect(page.getByTestId('link-notice')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByLabel('Reference')).toHaveValue('PAY-LINK-7');
  await expect(page.getByLabel('Amount')).toHaveValue('1200.50');
  await expect(page.getByLabel('Beneficiary')).toHaveValue('Acme GmbH');
  await expect(page.getByRole('textbox', { name: 'IBAN' })).toHaveValue('DE89370400440532013000');
  // Nothing was created or approved: the form waits for the approver.
  await expect(page.getByTestId('release')).toHaveCount(0);
  expect(page.url()).toBe(`${shell.origin}/#/approvals`);

  const evil = 'mfa-approver://approve?beneficiary=%3Cimg+src%3Dx+onerror%3D%22window.__pwned%3D1%22%3E';
  await page.goto(`${shell.origin}/#/approvals?link=${encodeURIComponent(evil)}`);
  await expect(page.getByTestId('link-notice')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('link-notice')).toContainText("beneficiary: may contain letters, digits, spaces and . , ' - / & ( ) + : ? @ # only");
  await expect(page.getByLabel('Beneficiary')).toHaveValue('Acme GmbH');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  await page.goto(`${shell.origin}/#/approvals?link=${encodeURIComponent(`${link}&approved=yes`)}`);
  await expect(page.getByTestId('link-notice')).toContainText('unknown parameter approved');
});

test('the release and sign-in forms tell each error at its field; nothing is sent until they are right', async ({ page, shell }) => {
  await openApprovals(page, shell.url);
  const review = page.getByRole('button', { name: 'Review release' });
  await review.click();
  const reference = page.getByLabel('Reference');
  await expect(reference).toBeFocused();
  await expect(reference).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Reference is required.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Not reviewed' })).toHaveText('Not reviewed: 5 fields need attention — Reference, Amount, Beneficiary, IBAN and Purpose.');

  await reference.fill('PAY-FORM-1');
  await page.getByLabel('Amount').fill('100.999');
  await page.getByLabel('Beneficiary').fill('Acme GmbH');
  await page.getByRole('textbox', { name: 'IBAN' }).fill('DE89 3704 0044 0532 0130 01');
  await page.getByLabel('Purpose').fill('Invoice 9');
  await review.click();
  // main's own checks come back to their field, in a sentence with its label.
  await expect(page.getByRole('textbox', { name: 'IBAN' })).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'IBAN' })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('IBAN has a wrong check digit: check it for a typing error.')).toBeVisible();
  await page.getByRole('textbox', { name: 'IBAN' }).fill('DE89 3704 0044 0532 0130 00');
  await review.click();
  await expect(page.getByLabel('Amount')).toBeFocused();
  await expect(page.getByText('Amount may have at most 2 decimals for EUR.')).toBeVisible();
  await page.getByLabel('Amount').fill('100.99');
  await review.click();
  await expect(page.getByTestId('release')).toHaveAttribute('data-status', 'open');

  await page.getByRole('button', { name: 'Sign in to approve' }).click();
  await expect(page.getByLabel('Your Auth0 user name')).toBeFocused();
  await expect(page.getByText('Your Auth0 user name is required.')).toBeVisible();
  await expect(page.getByText('Password is required.')).toBeVisible();
  await expect(page.getByTestId('step-up')).toHaveCount(0);
});
