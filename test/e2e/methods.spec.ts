/**
 * Methods first: the check runs by itself once an account is typed; a push the account cannot receive is
 * never sent (the form offers code read-back or says why), counts nothing against the limits, and main
 * refuses it too. Entra accounts with only text messages or calls are warned about Microsoft's 2027 change.
 */
import { expect, sharedShell, test } from './shell-fixture.js';
import { auditRowFor, fillAndSend, openApp, outcome } from './app.js';

const shell = sharedShell();
const domain = 'sandbox.contoso.example';

test('the check runs by itself; an account without push is offered code read-back and warned about 2027', async ({ page }) => {
  await openApp(page, shell());
  await page.getByLabel('Target account').fill(`sms@${domain}`);
  const methods = page.getByTestId('methods');
  await expect(methods).toContainText(`Registered methods for sms@${domain}`);
  await expect(methods).toContainText('Text message');
  await expect(page.getByRole('radio', { name: /Push/ })).toBeDisabled();
  await expect(page.getByText('Not available: the account has no push method, so no push will be sent.')).toBeVisible();
  await expect(page.getByRole('radio', { name: /Code read-back/ })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Send code' })).toBeVisible();
  await expect(page.getByTestId('method-notice')).toContainText('Microsoft stops sending Entra ID text messages and calls itself on 1 February 2027');

  await page.getByLabel('Target account').fill(`push-totp@${domain}`);
  await expect(methods).toContainText(`Registered methods for push-totp@${domain}`);
  await expect(page.getByTestId('method-notice')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send push' })).toBeVisible();

  await page.getByLabel('Target account').fill(`voice@${domain}`);
  await expect(methods).toContainText('Phone call (mobile)');
  await expect(page.getByTestId('method-notice')).toBeVisible();
});

test('an account with no method for a push or a code: nothing is sent or counted, and the account field says why', async ({ page }) => {
  await openApp(page, shell());
  await page.getByLabel('Target account').fill(`voice@${domain}`);
  await expect(page.getByTestId('methods')).toBeVisible();
  await fillAndSend(page, 'INC-METHODS-VOICE');
  const subject = page.getByLabel('Target account');
  await expect(subject).toBeFocused();
  await expect(subject).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.field-error')).toHaveText(`voice@${domain} has no method for a push or a code read-back. Verify the caller another way.`);
  await expect(outcome(page)).toHaveCount(0);

  // Main refuses a push its own lookup shows cannot arrive, even when asked directly: no row, nothing counted.
  const answers = await page.evaluate(async (subject) => {
    const profiles = await window.mfa.profiles.list();
    if (!profiles.ok) return [];
    const profileId = profiles.value.find((p) => p.displayName === 'Sandbox (simulated Entra tenant)')!.id;
    await window.mfa.verify.methods(profileId, subject);
    const input = { profileId, subject, reason: 'Password reset by phone', ticket: 'INC-METHODS-DIRECT', mode: 'push' as const };
    const tries = [];
    for (let i = 0; i < 4; i += 1) tries.push(await window.mfa.verify.start(input));
    return tries;
  }, `sms@${domain}`);
  expect(answers).toHaveLength(4);
  for (const answer of answers) {
    expect(answer).toMatchObject({ ok: false, code: 'bad_request', message: `sms@${domain} has no method that can receive a push, so none was sent. Use code read-back instead.` });
  }

  // Four refused pushes counted nothing: a code read-back to the same account still starts.
  await page.getByLabel('Target account').fill(`sms@${domain}`);
  await expect(page.getByRole('button', { name: 'Send code' })).toBeVisible();
  await page.getByLabel('Reason').fill('Password reset by phone');
  await page.getByLabel('Ticket reference').fill('INC-METHODS-SMS');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'awaiting_code');
  await page.getByRole('button', { name: 'Cancel verification' }).click();

  const rows = await auditRowFor(page, 'INC-METHODS');
  await expect(rows.filter({ hasText: 'verify.push' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'verify.otp' })).toHaveCount(1);
});
