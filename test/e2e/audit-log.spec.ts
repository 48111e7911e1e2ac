/**
 * The Audit log screen in Chromium: the trail shows each request and its outcome, filters and search narrow
 * it, an entry opens with every field, the integrity check runs from the button, and an export written by
 * the app verifies offline with the same verifier.
 */
import path from 'node:path';
import { verifyExportFile } from '../../main/services/audit/export-verify.js';
import { expect, test } from './shell-fixture.js';
import { openApp, outcome, phonePrompt, sendVerification } from './app.js';

test('the audit log shows, filters, opens, verifies and exports the trail', async ({ page, shell }) => {
  await openApp(page, shell);
  await sendVerification(page, 'push', 'INC-AUDIT-1');
  await phonePrompt(page, 'push').getByRole('button', { name: 'Approve' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'approved');
  await page.getByRole('button', { name: 'Start a new verification' }).click();
  await sendVerification(page, 'push', 'INC-AUDIT-2');
  await phonePrompt(page, 'push').getByRole('button', { name: 'Deny' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'denied');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByTestId('integrity-state')).toHaveText('Verified');
  const rows = page.getByTestId('audit-row');
  await expect(rows.filter({ hasText: 'sys_startup' })).toHaveCount(1);
  // The policy's decision, the request, its outcome, and the verification token of the approval.
  await expect(rows.filter({ hasText: 'INC-AUDIT-1' })).toHaveCount(4);
  await expect(rows.filter({ hasText: 'INC-AUDIT-1' }).filter({ hasText: 'policy_decision' })).toContainText('allowed');
  await expect(rows.filter({ hasText: 'INC-AUDIT-1' }).filter({ hasText: 'verification_token_issued' })).toHaveCount(1);

  // Event filter: only the approval.
  await page.getByLabel('Event').selectOption('authn_mfa_success');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('INC-AUDIT-1');
  await expect(rows.first()).toContainText('approved');
  // Outcome filter instead: only the denial.
  await page.getByLabel('Event').selectOption('');
  await page.getByLabel('Outcome').selectOption('denied');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('INC-AUDIT-2');
  await page.getByLabel('Outcome').selectOption('');
  // Word search over reason, ticket and target.
  await page.getByLabel('Search').fill('INC-AUDIT-2');
  // The policy's decision, the request and its outcome (a denial gets no token).
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'INC-AUDIT-1' })).toHaveCount(0);
  await page.getByLabel('Target account').fill('push@sandbox.contoso.example');
  await expect(rows).toHaveCount(3);

  // The detail drawer: every field, and the linked request.
  await rows.filter({ hasText: 'denied' }).click();
  const drawer = page.getByTestId('entry-drawer');
  await expect(drawer).toContainText('authn_mfa_fail');
  await expect(drawer).toContainText('PhoneAppDenied');
  await expect(drawer).toContainText(/Endpoint host\s*127\.0\.0\.1:\d+/);
  await expect(drawer).toContainText(/contextId: [0-9a-f-]{36}/);
  await expect(drawer.getByRole('button', { name: /authn_mfa_request — started/ })).toBeVisible();
  await drawer.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // Verify now: the check itself becomes an entry.
  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(page.getByTestId('integrity-state')).toHaveText('Verified');
  await page.getByLabel('Event').selectOption('sys_audit_verify');
  await expect(rows.filter({ hasText: 'manual' }).or(rows.filter({ hasText: 'entries verify' })).first()).toBeVisible();
  await page.getByLabel('Event').selectOption('');

  // Export: written by main, sealed by a checkpoint, verified here offline.
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const result = page.getByTestId('export-result');
  await expect(result).toContainText(/entries to .*\.csv, sealed by signed checkpoint #\d+/);
  const file = (await result.locator('code').first().textContent()) ?? '';
  expect(path.isAbsolute(file)).toBe(true);
  const report = await verifyExportFile(file);
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);
  await expect(rows.filter({ hasText: 'audit.export' }).first()).toBeVisible();

  // Settings shows where the app log is (the browser shell cannot open folders).
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('log-folder')).toContainText(path.join('logs'));
});
