/** Code read-back for a caller without push: wrong code shows attempts left, the right one approves. */
import { expect, test } from './shell-fixture.js';
import { auditRowFor, openApp, outcome, phonePrompt, sendVerification } from './app.js';

test('text-message code: wrong code, then the right code approves; both checks are logged', async ({ page, shell }) => {
  await openApp(page, shell);
  await sendVerification(page, 'sms', 'INC-CODE-1', 'code');
  await expect(outcome(page)).toHaveAttribute('data-status', 'awaiting_code');
  const prompt = phonePrompt(page, 'sms');
  await expect(prompt).toContainText(/\d{6}/);
  const code = /(\d{6,8})/.exec((await prompt.textContent()) ?? '')?.[1] ?? '';
  const wrong = code === '000000' ? '111111' : '000000';

  const input = page.getByLabel('Code the caller reads to you');
  await input.fill(wrong);
  await page.getByRole('button', { name: 'Check code' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'awaiting_code');
  await expect(page.getByText(/2 attempts left/)).toBeVisible();

  await input.fill(code);
  await page.getByRole('button', { name: 'Check code' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'approved');

  const rows = await auditRowFor(page, 'INC-CODE-1');
  await expect(rows.filter({ hasText: 'verify.code' })).toHaveCount(2);
  await expect(rows.filter({ hasText: 'verify.otp' })).toContainText('approved');
});
