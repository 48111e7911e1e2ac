/**
 * Accessibility checks for end-to-end tests: axe-core on the whole page in both themes, and what axe cannot
 * see — the contrast of focus rings and button edges, computed from the colours the browser resolved.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import axe from 'axe-core';

export const themes = ['light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** Shows the page in `theme` as the header toggle would (without moving focus). */
export async function setTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
  await expect(page.locator(`html[data-theme=${theme}]`)).toHaveCount(1);
}

/** WCAG 2.0–2.2 A and AA, plus axe's best practices that apply to an app like this one. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Loads axe-core into every document of the page once, before the app starts (call before opening it), so
 * each check runs in about 0.2 s instead of re-sending 500 kB of axe per check. The app has no frames.
 */
export async function loadAxe(page: Page): Promise<void> {
  await page.addInitScript(axe.source);
}

/** Runs axe on the page as it is now, in both themes; fails with every violation listed. Leaves the light theme on. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axe.source);
  for (const theme of themes) {
    await setTheme(page, theme);
    // axe is already in the page (loadAxe): the builder is given nothing more to inject.
    const result = await new AxeBuilder({ page, axeSource: ';' }).setLegacyMode().withTags(TAGS).options({ resultTypes: ['violations'] }).analyze();
    expect(result.testEngine.version).toBe(axe.version);
    const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary}`).join(' | ')}`);
    expect(found, `axe violations on ${state} (${theme})`).toEqual([]);
  }
  await setTheme(page, 'light');
}

type Rgb = [number, number, number];

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two opaque colours. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

interface FocusedLook {
  name: string;
  isButton: boolean;
  outline: { color: Rgb; width: number; style: string };
  /** The colour around the element (first opaque background among its ancestors). */
  around: Rgb;
  background: Rgb | null;
  border: { color: Rgb; width: number } | null;
}

/** Colours of the focused element, resolved by the browser. */
function readFocused(page: Page): Promise<FocusedLook | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const rgb = (text: string): [number, number, number, number] | null => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(text);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
    };
    const opaque = (c: [number, number, number, number] | null): [number, number, number] | null => (c && c[3] === 1 ? [c[0], c[1], c[2]] : null);
    let around: [number, number, number] | null = null;
    for (let node = el.parentElement; node && !around; node = node.parentElement) around = opaque(rgb(getComputedStyle(node).backgroundColor));
    const style = getComputedStyle(el);
    const borderWidth = parseFloat(style.borderTopWidth);
    return {
      name: `${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 40)}”`,
      isButton: el.classList.contains('button'),
      outline: { color: opaque(rgb(style.outlineColor)) ?? [0, 0, 0], width: parseFloat(style.outlineWidth), style: style.outlineStyle },
      around: around ?? [255, 255, 255],
      background: opaque(rgb(style.backgroundColor)),
      border: borderWidth > 0 && style.borderTopStyle !== 'none' ? { color: opaque(rgb(style.borderTopColor)) ?? [0, 0, 0], width: borderWidth } : null,
    };
  });
}

/**
 * Walks the keyboard through every control of `region` (starting from `from`) and checks, in the current
 * theme, that each focus ring is at least 2 px and 3:1 against what surrounds it, and that each button's edge
 * (its fill or its border) is 3:1 too. Returns what was checked.
 */
export async function expectFocusAndButtonContrast(page: Page, region: Locator, from: Locator): Promise<string[]> {
  await from.focus();
  const checked: string[] = [];
  for (let step = 0; step < 30; step += 1) {
    await page.keyboard.press('Tab');
    const inside = await region.evaluate((el) => el.contains(document.activeElement));
    if (!inside) break;
    const look = await readFocused(page);
    if (!look) break;
    expect(look.outline.style, `${look.name} has a focus ring`).not.toBe('none');
    expect(look.outline.width, `${look.name} focus ring width`).toBeGreaterThanOrEqual(2);
    expect(contrast(look.outline.color, look.around), `${look.name} focus ring contrast`).toBeGreaterThanOrEqual(3);
    if (look.isButton) {
      const edges = [look.background, look.border?.color].filter((c): c is Rgb => c !== null && c !== undefined);
      const best = Math.max(...edges.map((c) => contrast(c, look.around)));
      expect(best, `${look.name} button edge contrast`).toBeGreaterThanOrEqual(3);
    }
    checked.push(look.name);
  }
  return checked;
}

/** axe in both themes, then the focus rings and buttons of the outcome panel (`panel`) in both themes. */
export async function expectAccessibleOutcome(page: Page, panel: Locator, status: string): Promise<void> {
  await expect(panel).toHaveAttribute('data-status', status);
  await expectNoAxeViolations(page, `outcome ${status}`);
  for (const theme of themes) {
    await setTheme(page, theme);
    const checked = await expectFocusAndButtonContrast(page, panel, page.locator('#status-heading'));
    expect(checked.length, `${status} (${theme}): controls checked`).toBeGreaterThan(0);
  }
  await setTheme(page, 'light');
}
