/**
 * Broken provider answers injected on the simulated phone's "Next provider response": each ends as an error
 * with the provider's code, is logged, is never an approval, and tells the agent in plain words — HTTP status,
 * XML and app codes only behind "Details for IT". One shell for the file: at most three pushes per account.
 */
import type { Page } from '@playwright/test';
import { expect, sharedShell, test } from './shell-fixture.js';
import { auditRowFor, fillAndSend, openApp, outcome, pickUser } from './app.js';

const shell = sharedShell();

async function injectFault(page: Page, label: string): Promise<void> {
  await page.getByLabel('Next provider response').selectOption({ label });
  await expect(page.getByLabel('Next provider response')).toHaveValue(/.+/);
}

const faults: { label: string; code: string; user: string; detail: RegExp }[] = [
  { label: 'Server error (HTTP 500)', code: 'http_500', user: 'push', detail: /HTTP 500/ },
  { label: 'HTML error page', code: 'html_response', user: 'push', detail: /web page/ },
  { label: 'Malformed XML', code: 'malformed_response', user: 'push', detail: /not well-formed XML/ },
  { label: 'XML entity bomb', code: 'malformed_response', user: 'push-totp', detail: /DTD/ },
  { label: 'Oversized response', code: 'response_too_large', user: 'push-totp', detail: /size limit|larger/ },
  { label: 'Throttled', code: 'AuthenticationThrottled', user: 'push-totp', detail: /AuthenticationThrottled/ },
];

for (const [index, fault] of faults.entries()) {
  test(`provider answer "${fault.label}" is an error (${fault.code}) in plain words, logged, never approved`, async ({ page }) => {
    await openApp(page, shell());
    // The methods check runs first; the fault is armed for the push itself.
    await pickUser(page, fault.user);
    await injectFault(page, fault.label);
    const ticket = `INC-FAULT-${index + 1}`;
    await fillAndSend(page, ticket);
    await expect(outcome(page)).toHaveAttribute('data-status', 'error');

    const shown = await outcome(page).innerText();
    expect(shown).not.toMatch(/\bHTTP\b|\bXML\b|\bDTD\b|malformed_response|html_response|response_too_large|http_500/);
    await outcome(page).getByText('Details for IT').click();
    await expect(outcome(page).locator('.status-details')).toContainText(fault.code);
    await expect(outcome(page).locator('.status-details')).toContainText(fault.detail);

    const rows = await auditRowFor(page, ticket);
    await expect(rows.filter({ hasText: 'verify.push' })).toContainText(fault.code);
    await expect(rows.filter({ hasText: 'verify.push' })).not.toContainText('approved');
  });
}
