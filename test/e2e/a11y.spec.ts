/**
 * WCAG 2.2 AA, checked in every run: axe-core on every screen and state in the light and the dark theme
 * (0 violations), and on every outcome panel the contrast of the focus ring and of the buttons (3:1), which
 * axe does not measure.
 */
import type { Page } from '@playwright/test';
import { expect, sharedShell, test } from './shell-fixture.js';
import { fillAndSend, openApp, outcome, phonePrompt, pickUser } from './app.js';
import { expectAccessibleOutcome, expectNoAxeViolations, loadAxe } from './a11y.js';

const shell = sharedShell();

async function open(page: Page): Promise<void> {
  await loadAxe(page);
  await openApp(page, shell());
}

const checkOutcome = (page: Page, status: string): Promise<void> => expectAccessibleOutcome(page, outcome(page), status);

async function startNew(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start a new verification' }).click();
  await expect(page.getByLabel('Target account')).toBeFocused();
}

test('every screen, empty and with its errors, has no axe violation in either theme', async ({ page }) => {
  await open(page);
  await expectNoAxeViolations(page, 'Verify, empty');
  await page.getByRole('button', { name: 'Send push' }).click();
  await expect(page.getByLabel('Target account')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'Verify, invalid');
  await pickUser(page, 'sms');
  await expect(page.getByTestId('method-notice')).toBeVisible();
  await expectNoAxeViolations(page, 'Verify, methods with a warning');

  await page.getByRole('link', { name: 'Settings' }).click();
  await expectNoAxeViolations(page, 'Settings, profile list');
  await page.getByRole('button', { name: 'Add profile' }).click();
  await expectNoAxeViolations(page, 'Settings, add form');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByLabel('Display name')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'Settings, add form with errors');
  await page.getByLabel('Display name').fill('A11y profile');
  await page.getByLabel('Tenant').fill('contoso.com');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByRole('button', { name: 'Save secret' }).click();
  await expect(page.getByLabel('Client secret')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'Settings, secret error and saved confirmation');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await expectNoAxeViolations(page, 'Audit log');
  await page.getByRole('link', { name: 'Approvals' }).click();
  await expectNoAxeViolations(page, 'Approvals placeholder');
  await page.getByRole('link', { name: 'Enroll authenticator' }).click();
  await expectNoAxeViolations(page, 'Enroll placeholder');
});

test('sending, waiting and the push outcomes: no axe violation, focus rings and buttons at 3:1', async ({ page }) => {
  // Hold verify.start for a moment so the SENDING state can be checked.
  let hold = true;
  await page.routeWebSocket(/\/bridge$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      if (hold && String(message).includes('"verify:start"')) setTimeout(() => server.send(message), 1500);
      else server.send(message);
    });
  });
  await open(page);
  await pickUser(page, 'push');
  await fillAndSend(page, 'INC-A11Y-1');
  await expect(page.getByTestId('sending')).toBeVisible();
  await expectNoAxeViolations(page, 'Verify, sending');
  hold = false;
  await checkOutcome(page, 'pending');
  await phonePrompt(page, 'push').getByRole('button', { name: 'Approve' }).click();
  await checkOutcome(page, 'approved');
  await startNew(page);

  await pickUser(page, 'push-totp');
  await fillAndSend(page, 'INC-A11Y-2');
  await phonePrompt(page, 'push-totp').getByRole('button', { name: 'Deny' }).click();
  await checkOutcome(page, 'denied');
  await page.getByRole('button', { name: 'Do not proceed — record it' }).click();
  await page.getByRole('button', { name: 'Escalate to security' }).click();
  await expect(page.getByTestId('escalation')).toBeVisible();
  await checkOutcome(page, 'denied');
  await startNew(page);

  await pickUser(page, 'push');
  await fillAndSend(page, 'INC-A11Y-3');
  await phonePrompt(page, 'push').getByRole('button', { name: 'Report fraud' }).click();
  await checkOutcome(page, 'fraud');
  await startNew(page);

  // The fraud report locked push@: another account for the cancelled state.
  await pickUser(page, 'push-totp');
  await fillAndSend(page, 'INC-A11Y-4');
  await page.getByRole('button', { name: 'Cancel verification' }).click();
  await checkOutcome(page, 'cancelled');
  // TIMED OUT is checked where a timeout is waited for anyway (verify-push.spec.ts).
});

test('errors, the code entry and a lockout: no axe violation, focus rings and buttons at 3:1', async ({ page }) => {
  await open(page);
  await pickUser(page, 'nobody');
  await fillAndSend(page, 'INC-A11Y-6');
  await checkOutcome(page, 'error');
  await startNew(page);

  // A push that may be on the phone: the panel that forbids a second push.
  await pickUser(page, 'push-totp');
  await page.getByLabel('Next provider response').selectOption({ label: 'Server error (HTTP 500)' });
  await fillAndSend(page, 'INC-A11Y-7');
  await checkOutcome(page, 'error');
  await startNew(page);

  await pickUser(page, 'totp');
  await fillAndSend(page, 'INC-A11Y-8', 'code');
  await checkOutcome(page, 'awaiting_code');
  await page.getByRole('button', { name: 'Check code' }).click();
  await expect(page.getByLabel('Code the caller reads to you')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'code entry with an error');
  const input = page.getByLabel('Code the caller reads to you');
  const prompt = phonePrompt(page, 'totp');
  await expect(prompt).toContainText(/\d{6}/);
  const code = /(\d{6,8})/.exec((await prompt.textContent()) ?? '')?.[1] ?? '';
  const wrong = code === '000000' ? '111111' : '000000';
  for (const left of ['2 attempts left', '1 attempt left', '0 attempts left']) {
    await input.fill(wrong);
    await page.getByRole('button', { name: 'Check code' }).click();
    await expect(page.getByText(left)).toBeVisible();
    await expect(input).toHaveAttribute('aria-invalid', 'true');
  }
  await input.fill(wrong);
  await page.getByRole('button', { name: 'Check code' }).click();
  await checkOutcome(page, 'locked_out');
});
