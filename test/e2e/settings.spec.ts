/** An administrator configures a real provider profile: the secret goes in, and only "set" ever comes out. */
import type { Page } from '@playwright/test';
import { expect, test } from './shell-fixture.js';
import { selfSignedCertificate } from '../unit/entra/helpers.js';
import { auditRowFor, openApp } from './app.js';

const SECRET = 'e2e-Client-Secret-Value-93411';

function card(page: Page, name: string) {
  return page.locator('.card').filter({ has: page.getByRole('heading', { name }) });
}

test('add a profile, set its secret, test the connection, edit its endpoints, remove it', async ({ page, shell }) => {
  await openApp(page, shell);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByLabel('Display name').fill('Contoso helpdesk');
  await page.getByLabel('Tenant').fill('contoso.com');
  // A closed loopback port: the connection test fails fast and nothing leaves the machine.
  await page.getByLabel('Login base URL').fill('http://127.0.0.1:9');
  await page.getByLabel('Connector base URL').fill('http://127.0.0.1:9');
  await page.getByRole('button', { name: 'Save profile' }).click();

  const profile = card(page, 'Contoso helpdesk');
  await expect(profile).toContainText('not set');
  await profile.getByLabel('Client secret').fill(SECRET);
  await profile.getByRole('button', { name: 'Save secret' }).click();
  await expect(profile.getByText('Secret saved in the OS keychain.')).toBeVisible();
  await expect(profile.getByLabel('Client secret')).toHaveValue('');
  await expect(profile.locator('dd.secret-set')).toHaveText('set');

  await profile.getByRole('button', { name: 'Test connection' }).click();
  await expect(profile).toContainText(/could not be reached|network/i);

  await profile.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Login base URL').fill('https://login.attacker.example');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(profile.locator('dd.secret-unset')).toHaveText('not set');
  await expect(profile).toContainText('The secret was removed because the tenant, endpoints or credential type changed');

  await profile.getByRole('button', { name: 'Remove profile' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove profile' }).click();
  await expect(card(page, 'Contoso helpdesk')).toHaveCount(0);

  // The secret never reached the page, and every change is in the audit log.
  expect(await page.content()).not.toContain(SECRET);
  const rows = await auditRowFor(page, 'Contoso helpdesk');
  for (const action of ['profile.create', 'secret.set', 'connection.test', 'profile.update', 'secret.delete', 'profile.remove']) {
    await expect(rows.filter({ hasText: action }).first()).toBeVisible();
  }
});

test('a certificate profile keeps the certificate in its settings and only the private key in the keychain', async ({ page, shell }) => {
  const { keyPem, certPem } = selfSignedCertificate('MFA Approver e2e');
  await openApp(page, shell);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByLabel('Display name').fill('Contoso certificate');
  await page.getByLabel('Tenant').fill('contoso.com');
  await expect(page.getByLabel('Certificate', { exact: true })).toHaveCount(0);
  await page.getByLabel('Credential type').selectOption({ label: 'Certificate' });
  await page.getByLabel('Login base URL').fill('http://127.0.0.1:9');
  await page.getByLabel('Connector base URL').fill('http://127.0.0.1:9');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.locator('.field-error', { hasText: 'Certificate is required' })).toBeVisible();
  await page.getByLabel('Certificate', { exact: true }).fill(certPem);
  await page.getByRole('button', { name: 'Save profile' }).click();

  const profile = card(page, 'Contoso certificate');
  await expect(profile.locator('dd.secret-unset')).toHaveText('not set');
  // The old habit, key and certificate pasted together, still works: only the key is kept.
  await profile.getByLabel('Private key').fill(`${keyPem}\n${certPem}`);
  await profile.getByRole('button', { name: 'Save secret' }).click();
  await expect(profile.getByText('Secret saved in the OS keychain.')).toBeVisible();
  await expect(profile.locator('dd.secret-set')).toHaveText('set');
  await profile.getByLabel('Private key').fill(certPem);
  await profile.getByRole('button', { name: 'Save secret' }).click();
  await expect(profile.getByText(/must contain exactly one PEM private key/)).toBeVisible();
  expect(await page.content()).not.toContain(keyPem.split('\n')[1]);
});
