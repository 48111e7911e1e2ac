/**
 * Errors belong to their field, in every form (Verify, profile, secret, code entry): checked before anything
 * is sent, the field marked invalid and linked to a plain-words message under it, focus on the first invalid
 * field, and the submit button still reachable, saying why nothing went.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, sharedShell, test } from './shell-fixture.js';
import { auditRowFor, fillAndSend, openApp, outcome, pickUser } from './app.js';

const shell = sharedShell();

/** The field is invalid, focused or not, and its description includes exactly this message. */
async function expectFieldError(field: Locator, message: string): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const described = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).textContent()));
  expect(described.map((t) => (t ?? '').replace(/^⚠\s*/, ''))).toContain(message);
}

/** Nothing a schema or the code says to itself: no internal field names, no validator wording. */
async function expectPlainWords(page: Page): Promise<void> {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/\b(subject|upn|settings\.\w+|displayName|pollIntervalMs):|Invalid input|Too small|Too big|expected (string|number)/);
}

test('Verify: each error is told at its field, focus goes to the first, Send stays reachable and nothing is sent', async ({ page }) => {
  await openApp(page, shell());
  const send = page.getByRole('button', { name: 'Send push' });
  await expect(send).toBeEnabled();
  await send.click();

  const subject = page.getByLabel('Target account');
  await expect(subject).toBeFocused();
  await expectFieldError(subject, 'Sign-in name (UPN) is required.');
  await expectFieldError(page.getByLabel('Reason'), 'Reason is required: say why the caller needs this.');
  await expectFieldError(page.getByLabel('Ticket reference'), 'Ticket reference is required.');
  const summary = page.getByRole('status').filter({ hasText: 'Not sent' });
  await expect(summary).toHaveText('Not sent: 3 fields need attention — Sign-in name (UPN), Reason and Ticket reference.');
  await expect(send).toHaveAttribute('aria-describedby', (await summary.getAttribute('id')) ?? 'missing');

  await subject.fill('bob');
  await page.getByLabel('Reason').fill('ab');
  await page.getByLabel('Ticket reference').fill('INC 1');
  // Enter in a field sends the form too: the same checks apply.
  await page.getByLabel('Ticket reference').press('Enter');
  await expect(subject).toBeFocused();
  await expectFieldError(subject, 'Sign-in name (UPN) must look like name@contoso.com.');
  await expectFieldError(page.getByLabel('Reason'), 'Reason needs at least 3 characters.');
  await expectFieldError(page.getByLabel('Ticket reference'), 'Ticket reference may contain only letters, digits and . / # : - _ (no spaces).');
  await expectPlainWords(page);

  await subject.fill('push@sandbox.contoso.example');
  await expect(subject).not.toHaveAttribute('aria-invalid');
  await send.click();
  await expect(page.getByLabel('Reason')).toBeFocused();
  await page.getByLabel('Reason').fill('Caller asks for a reset');
  await send.click();
  await expect(page.getByLabel('Ticket reference')).toBeFocused();
  await expect(outcome(page)).toHaveCount(0);

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Search').fill('verify.push');
  await expect(page.getByRole('status').filter({ hasText: /^\d+ entr(y|ies)/ })).toBeVisible();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'verify.push' })).toHaveCount(0);
});

test('Settings: profile errors in plain words at their fields, the first one focused', async ({ page }) => {
  await openApp(page, shell());
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByRole('button', { name: 'Save profile' }).click();
  const name = page.getByLabel('Display name');
  await expect(name).toBeFocused();
  await expectFieldError(name, 'Display name is required.');
  await expectFieldError(page.getByLabel('Tenant'), 'Tenant is required.');
  await expect(page.getByRole('status').filter({ hasText: 'Not saved' })).toHaveText('Not saved: 2 fields need attention — Display name and Tenant.');

  await name.fill('Errors profile');
  await page.getByLabel('Tenant').fill('not a tenant!');
  await page.getByLabel('Mode').selectOption('async');
  await page.getByLabel('Poll interval (ms)').fill('5');
  await page.getByLabel('Login base URL').fill('http://login.example');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByLabel('Tenant')).toBeFocused();
  await expectFieldError(page.getByLabel('Tenant'), 'Tenant must be a tenant ID (GUID) or a domain such as contoso.com.');
  await expectFieldError(page.getByLabel('Poll interval (ms)'), 'Poll interval (ms) must be at least 1000 (one second).');
  await expectFieldError(
    page.getByLabel('Login base URL'),
    'Login base URL must be an https:// address (http:// only for 127.0.0.1 or localhost), without a user name or query.',
  );
  await expectPlainWords(page);
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('Settings: a blank secret is refused at its field and nothing is stored', async ({ page }) => {
  await openApp(page, shell());
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByLabel('Display name').fill('Blank secret');
  await page.getByLabel('Tenant').fill('contoso.com');
  await page.getByRole('button', { name: 'Save profile' }).click();
  const card = page.locator('.profile-card').filter({ has: page.getByRole('heading', { name: 'Blank secret' }) });
  const secret = card.getByLabel('Client secret');

  await secret.fill('   ');
  await card.getByRole('button', { name: 'Save secret' }).click();
  await expect(secret).toBeFocused();
  await expectFieldError(secret, 'Client secret must not be blank: it contains only spaces or line breaks.');
  await secret.fill('');
  await card.getByRole('button', { name: 'Save secret' }).click();
  await expectFieldError(secret, 'Client secret is required: paste the value to save it.');
  await expect(card.locator('dd.secret-unset')).toHaveText('not set');

  const rows = await auditRowFor(page, 'Blank secret');
  await expect(rows.filter({ hasText: 'profile.create' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'secret.set' })).toHaveCount(0);
});

test('Code entry: a malformed code is told at the field, and a refused one too', async ({ page }) => {
  await openApp(page, shell());
  await pickUser(page, 'totp');
  await fillAndSend(page, 'INC-FORMS-CODE', 'code');
  const input = page.getByLabel('Code the caller reads to you');
  await expect(input).toBeFocused();
  await page.getByRole('button', { name: 'Check code' }).click();
  await expectFieldError(input, 'Enter the code the caller reads to you: 6 to 8 digits.');
  await input.fill('123');
  await input.press('Enter');
  await expect(input).toBeFocused();
  await expectFieldError(input, 'The code must be 6 to 8 digits.');
  await input.fill('12345678');
  await page.getByRole('button', { name: 'Check code' }).click();
  await expect(page.getByText('2 attempts left')).toBeVisible();
  await expect(input).toBeFocused();
  await expectFieldError(input, 'That code was not accepted. Ask the caller to read the current code again.');
  await page.getByRole('button', { name: 'Cancel verification' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'cancelled');
});
