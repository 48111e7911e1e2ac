/**
 * Layout in small windows and at 200% zoom: the result and the simulated phone can be reached at 1024×700
 * and 800×600, the audit table shows Outcome beside Time and Target without scrolling, the page never scrolls
 * sideways at 200% zoom of the smallest window (400×300 CSS pixels), and no select or account name is cut.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, sharedShell, test } from './shell-fixture.js';
import { fillAndSend, openApp, outcome, phonePrompt, pickUser } from './app.js';

const shell = sharedShell();

/** The element is entirely inside the window. */
async function expectInViewport(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  expect(box, what).not.toBeNull();
  expect(box!.y, `${what}: top`).toBeGreaterThanOrEqual(-1);
  expect(box!.x, `${what}: left`).toBeGreaterThanOrEqual(-1);
  expect(box!.y + Math.min(box!.height, size.height), `${what}: bottom`).toBeLessThanOrEqual(size.height + 1);
  expect(box!.x + box!.width, `${what}: right`).toBeLessThanOrEqual(size.width + 1);
}

/** Nothing on the page is cut: no sideways scroll, every select shows its whole choice, no account name split mid-word. */
async function expectNothingCut(page: Page, where: string): Promise<void> {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
    const header = document.querySelector('.app-header') as HTMLElement;
    if (header.scrollWidth > header.clientWidth + 1) found.push('the header does not fit');
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const select of document.querySelectorAll('select')) {
      const style = getComputedStyle(select);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = select.selectedOptions[0]?.text ?? '';
      // The arrow of a native select takes about 20 px beside the padding.
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      if (canvas.measureText(text).width > room) found.push(`select “${text}” is cut (${Math.round(canvas.measureText(text).width)} > ${Math.round(room)})`);
    }
    // Each part of an account name (between @ . _) stays on one line: two boxes mean it broke inside.
    for (const part of document.querySelectorAll('.unbroken')) {
      const range = document.createRange();
      range.selectNodeContents(part);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) found.push(`“${part.textContent}” breaks mid-word`);
    }
    return found;
  });
  expect(problems, where).toEqual([]);
}

for (const size of [
  { width: 1024, height: 700 },
  { width: 800, height: 600 },
]) {
  test(`${size.width}×${size.height}: the phone is pointed to, and the result and the phone come into view`, async ({ page }) => {
    await page.setViewportSize(size);
    await openApp(page, shell());
    const jump = page.getByRole('link', { name: 'The simulated phone is below the form' });
    await expectInViewport(page, jump, 'link to the phone');
    await jump.click();
    await expect(page.locator('#simulated-phone')).toBeFocused();
    await expectInViewport(page, page.locator('#simulated-phone'), 'phone heading');

    const user = size.width === 1024 ? 'push' : 'push-totp';
    await pickUser(page, user);
    await fillAndSend(page, `INC-LAYOUT-${size.width}`);
    await expect(outcome(page)).toHaveAttribute('data-status', 'pending');
    await expectInViewport(page, page.locator('#status-heading'), 'waiting heading');
    await jump.click();
    const approve = phonePrompt(page, user).getByRole('button', { name: 'Approve' });
    await approve.scrollIntoViewIfNeeded();
    await approve.click();
    await expect(outcome(page)).toHaveAttribute('data-status', 'approved');
    await expect(page.locator('#status-heading')).toBeFocused();
    await expectInViewport(page, page.locator('#status-heading'), 'outcome heading');
    await expectNothingCut(page, `Verify at ${size.width}×${size.height}`);
  });
}

test('1024×700: the audit table shows Outcome next to Time and Target, without scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page, shell());
  await pickUser(page, 'sms');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  const headers = page.locator('.audit-grid [role=columnheader]');
  await expect(headers.nth(1)).toHaveText('Time');
  await expect(headers.nth(2)).toHaveText('Outcome');
  await expect(headers.nth(3)).toHaveText('Target');
  const region = await page.locator('.audit-grid').boundingBox();
  const header = await headers.nth(2).boundingBox();
  expect(header!.x + header!.width).toBeLessThanOrEqual(region!.x + region!.width);
  // Filters and the integrity panel come first; scrolling down to the table is expected, scrolling sideways is not.
  await headers.nth(2).scrollIntoViewIfNeeded();
  await expectInViewport(page, headers.nth(2), 'Outcome column');
});

test('200% zoom of 800×600 (400×300): every screen wraps without sideways scrolling or cut words', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 300 });
  await openApp(page, shell());
  const header = page.locator('.app-header');
  expect((await header.boundingBox())!.height).toBeGreaterThan(60);
  await pickUser(page, 'push-totp');
  await expectNothingCut(page, 'Verify with methods');
  await fillAndSend(page, 'INC-LAYOUT-ZOOM');
  await phonePrompt(page, 'push-totp').getByRole('button', { name: 'Deny' }).click();
  await expect(outcome(page)).toHaveAttribute('data-status', 'denied');
  await expectInViewport(page, page.locator('#status-heading .status-word'), 'outcome word');
  await expectNothingCut(page, 'Verify, denied');
  for (const screen of ['Approvals', 'Enroll authenticator', 'Audit log', 'Settings']) {
    await page.getByRole('link', { name: screen }).click();
    await expectNothingCut(page, screen);
  }
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByLabel('Mode').selectOption('async');
  await expectNothingCut(page, 'Settings, add form');
});

test('a wide window: the settings form shows every choice of its selects in full', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 860 });
  await openApp(page, shell());
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByLabel('Mode').selectOption('async');
  await page.getByLabel('Cloud').selectOption('china');
  await page.getByLabel('Connector host').selectOption('strongauth');
  await expectNothingCut(page, 'Settings at 1280 wide');
  await page.getByLabel('Mode').selectOption('sync');
  await expectNothingCut(page, 'Settings at 1280 wide');
});
