/** Page helpers for end-to-end tests: what an agent does, in the words the UI uses. */
import { expect, type Page } from '@playwright/test';
import type { ShellHandle } from './shell-fixture.js';

/** The built-in Entra sandbox profile, whose simulated users the tests verify. */
export const ENTRA_SANDBOX = 'Sandbox (simulated Entra tenant)';

/** Opens the app on Verify with the Entra sandbox selected (a shared shell may hold profiles other tests made). */
export async function openApp(page: Page, shell: ShellHandle): Promise<void> {
  await page.goto(shell.url);
  await expect(page.getByLabel('Profile')).toContainText('Sandbox');
  await page.getByLabel('Profile').selectOption({ label: ENTRA_SANDBOX });
}

/** Matches `user@…` but not `other-user@…`. */
const upnText = (user: string): RegExp => new RegExp(`(^|[^\\w-])${user}@`);

/** Picks a sandbox user from the simulated phone and waits for the automatic methods check to answer. */
export async function pickUser(page: Page, user: string): Promise<void> {
  await page.locator('button.sandbox-user', { hasText: upnText(user) }).click();
  await expect(page.locator('[data-testid=methods], .methods-failed')).toBeVisible();
}

/** Fills reason and ticket and presses Send (push or code, whichever the form offers). */
export async function fillAndSend(page: Page, ticket: string, mode: 'push' | 'code' = 'push'): Promise<void> {
  if (mode === 'code') await page.getByRole('radio', { name: /Code read-back/ }).check();
  await page.getByLabel('Reason').fill('Caller asks for a password reset');
  await page.getByLabel('Ticket reference').fill(ticket);
  await page.getByRole('button', { name: mode === 'push' ? 'Send push' : 'Send code' }).click();
}

/** Fills the caller form from the simulated phone's user list and sends. */
export async function sendVerification(
  page: Page,
  user: string,
  ticket: string,
  mode: 'push' | 'code' = 'push',
): Promise<void> {
  await pickUser(page, user);
  await fillAndSend(page, ticket, mode);
}

export function outcome(page: Page) {
  return page.getByTestId('verification-outcome');
}

export function phonePrompt(page: Page, user: string) {
  return page.getByTestId('phone-prompt').filter({ hasText: upnText(user) });
}

/**
 * The outcome entry of a ticket's request, after searching for it on the Audit log screen. The request's
 * own entry (outcome "started") is a separate row of the trail; this returns the one with the outcome.
 */
export async function auditRowFor(page: Page, ticket: string) {
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Search').fill(ticket);
  const rows = page.getByTestId('audit-row').filter({ hasText: ticket }).filter({ hasNotText: 'started' });
  await expect(rows.first()).toBeVisible();
  return rows;
}
