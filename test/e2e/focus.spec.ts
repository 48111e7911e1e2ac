/**
 * Focus is never lost: after every send, outcome, record, save, remove, cancel and screen change it lands on
 * the confirmation, the affected item or the next thing to do; outcomes are announced once. And a whole
 * verification can be done with the keyboard alone.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, sharedShell, test } from './shell-fixture.js';
import { fillAndSend, openApp, outcome, phonePrompt, pickUser } from './app.js';

const shell = sharedShell();

/** Presses Tab until `target` has focus (at most `max` times); fails if it never does. */
async function tabTo(page: Page, target: Locator, max = 25): Promise<number> {
  for (let presses = 1; presses <= max; presses += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return presses;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Text of every live region on the page (what a screen reader would announce by itself). */
function liveText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[aria-live], [role=status], [role=alert], [role=log]')].map((el) => el.textContent ?? '').join(' | '),
  );
}

test('keyboard only: from loading the app to APPROVED and back to a fresh form', async ({ page }) => {
  await openApp(page, shell());
  await page.getByLabel('Profile').blur();
  let keys = 0;
  const press = async (key: string) => {
    keys += 1;
    await page.keyboard.press(key);
  };
  const type = async (text: string) => {
    keys += text.length;
    await page.keyboard.type(text);
  };

  keys += await tabTo(page, page.getByRole('link', { name: 'Skip to content' }));
  await press('Enter');
  keys += await tabTo(page, page.getByLabel('Target account'));
  await type('push@sandbox.contoso.example');
  keys += await tabTo(page, page.getByLabel('Reason'));
  await type('Password reset by phone');
  keys += await tabTo(page, page.getByLabel('Ticket reference'));
  await type('INC-KEYS-1');
  await press('Enter');

  const heading = page.locator('#status-heading');
  await expect(outcome(page)).toHaveAttribute('data-status', 'pending');
  await expect(heading).toBeFocused();
  const approve = phonePrompt(page, 'push').getByRole('button', { name: 'Approve' });
  await expect(approve).toBeVisible();
  keys += await tabTo(page, approve);
  await press('Enter');

  await expect(outcome(page)).toHaveAttribute('data-status', 'approved');
  await expect(heading).toBeFocused();
  await expect(heading).toContainText('APPROVED');
  keys += await tabTo(page, page.getByRole('button', { name: 'Start a new verification' }));
  await press('Enter');
  await expect(page.getByLabel('Target account')).toBeFocused();
  await expect(page.getByLabel('Target account')).toHaveValue('');
  await expect(page.getByLabel('Reason')).toHaveValue('');
  await expect(page.getByLabel('Ticket reference')).toHaveValue('');
  expect(keys).toBeLessThan(120);
});

test('Verify: focus follows the verification, every outcome is announced once, and decisions are confirmed where pressed', async ({ page }) => {
  await openApp(page, shell());
  await pickUser(page, 'push-totp');
  await fillAndSend(page, 'INC-FOCUS-1');
  const heading = page.locator('#status-heading');
  await expect(outcome(page)).toHaveAttribute('data-status', 'pending');
  await expect(heading).toBeFocused();
  await expect(heading).toHaveText('WAITING FOR ANSWER: Waiting for the account holder to respond');

  // The phone says a prompt arrived without reading its buttons.
  await expect.poll(() => liveText(page)).toContain('push notification for push-totp@');
  expect(await liveText(page)).not.toMatch(/Approve|Deny|Report fraud|Ignore/);

  await phonePrompt(page, 'push-totp').getByRole('button', { name: 'Deny' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'denied');
  await expect(heading).toBeFocused();
  // Announced once: by focus on the heading that names word and actor; no live region repeats it.
  await expect(heading).toHaveText('DENIED: The account holder denied the request');
  expect(await liveText(page)).not.toMatch(/DENIED|denied the request/);

  await page.getByRole('button', { name: 'Do not proceed — record it' }).press('Enter');
  await expect(page.getByTestId('recorded')).toBeFocused();
  await expect(page.getByTestId('recorded')).toContainText('You did not proceed with the request. Recorded in the audit log');
  await page.getByRole('button', { name: 'Escalate to security' }).press('Enter');
  await expect(page.locator('#escalation-heading')).toBeFocused();
  await page.getByRole('button', { name: 'Record that I escalated it' }).press('Enter');
  await expect(page.getByTestId('escalation').getByTestId('recorded')).toBeFocused();

  await page.getByRole('button', { name: 'Start a new verification' }).press('Enter');
  await expect(page.getByLabel('Target account')).toBeFocused();

  await pickUser(page, 'push-totp');
  await fillAndSend(page, 'INC-FOCUS-2');
  await expect(outcome(page)).toHaveAttribute('data-status', 'pending');
  await page.getByRole('button', { name: 'Cancel verification' }).press('Enter');
  await expect(outcome(page)).toHaveAttribute('data-status', 'cancelled');
  await expect(heading).toBeFocused();
  await expect(heading).toHaveText('CANCELLED: You cancelled the verification');

  await page.getByRole('link', { name: 'Audit log' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeFocused();
});

test('Settings: focus lands on the confirmation or back on what opened the form, after every save, remove and cancel', async ({ page }) => {
  await openApp(page, shell());
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  const add = page.getByRole('button', { name: 'Add profile' });

  await add.click();
  await expect(page.getByLabel('Identity provider', { exact: true })).toBeFocused();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(add).toBeFocused();

  await add.click();
  await page.getByLabel('Display name').fill('Focus profile');
  await page.getByLabel('Tenant').fill('contoso.com');
  await page.getByLabel('Login base URL').fill('http://127.0.0.1:9');
  await page.getByLabel('Connector base URL').fill('http://127.0.0.1:9');
  await page.getByRole('button', { name: 'Save profile' }).press('Enter');
  const card = page.locator('.profile-card').filter({ has: page.getByRole('heading', { name: 'Focus profile' }) });
  const confirmation = page.getByTestId('settings-confirmation');
  await expect(confirmation).toBeFocused();
  await expect(confirmation).toHaveText('Profile “Focus profile” saved. Set its secret below.');
  await expect(card.getByTestId('settings-confirmation')).toHaveCount(1);

  await card.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByLabel('Display name')).toBeFocused();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(card.getByRole('button', { name: 'Edit' })).toBeFocused();

  await card.getByLabel('Client secret').fill('focus-secret-value');
  await card.getByRole('button', { name: 'Save secret' }).press('Enter');
  await expect(card.getByTestId('secret-note')).toBeFocused();
  await expect(card.getByTestId('secret-note')).toHaveText('Secret saved in the OS keychain.');
  await card.getByRole('button', { name: 'Remove secret' }).press('Enter');
  await expect(card.getByTestId('secret-note')).toBeFocused();
  await expect(card.getByTestId('secret-note')).toHaveText('Secret removed.');

  // A running connection test keeps focus on its button.
  await card.getByRole('button', { name: 'Test connection' }).press('Enter');
  await expect(card.getByRole('button', { name: 'Test connection' })).toBeFocused();
  await expect(card).toContainText(/could not be reached|network|secret/i);

  await card.getByRole('button', { name: 'Remove profile' }).press('Enter');
  await page.getByRole('dialog').getByRole('button', { name: 'Keep it' }).press('Enter');
  await expect(card.getByRole('button', { name: 'Remove profile' })).toBeFocused();
  await card.getByRole('button', { name: 'Remove profile' }).press('Enter');
  await page.getByRole('dialog').getByRole('button', { name: 'Remove profile' }).press('Enter');
  await expect(confirmation).toBeFocused();
  await expect(confirmation).toHaveText('Profile “Focus profile” removed.');

  // The sandbox switch keeps focus while it turns the sandbox off and on.
  const sandbox = page.getByLabel('Offer the sandbox (simulated identity providers on this computer)');
  await sandbox.focus();
  await page.keyboard.press('Space');
  await expect(sandbox).not.toBeChecked();
  await expect(sandbox).toBeFocused();
  await expect(sandbox).not.toHaveAttribute('aria-disabled');
  await page.keyboard.press('Space');
  await expect(sandbox).toBeChecked();
  await expect(sandbox).toBeFocused();
});
