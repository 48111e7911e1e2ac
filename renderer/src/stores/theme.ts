/**
 * Light/dark theme. Follows the OS (prefers-color-scheme) until the operator picks one with the header
 * toggle; the pick is kept in localStorage. Applied as `data-theme` on <html> (an attribute, not a style,
 * so the CSP's style-src 'self' holds).
 */
import { create } from 'zustand';

export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'mfa-approver.theme';
const darkQuery = (): MediaQueryList | null =>
  typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;

function readStored(): Theme | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

function store(theme: Theme): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Storage unavailable: the choice lasts for this session only.
  }
}

const systemTheme = (): Theme => (darkQuery()?.matches ? 'dark' : 'light');

interface ThemeState {
  theme: Theme;
  /** True when the operator chose the theme; false while following the OS. */
  chosen: boolean;
  toggle: () => void;
}

export const useTheme = create<ThemeState>()((set, get) => {
  const stored = readStored();
  return {
    theme: stored ?? systemTheme(),
    chosen: stored !== null,
    toggle: () => {
      const next: Theme = get().theme === 'dark' ? 'light' : 'dark';
      store(next);
      set({ theme: next, chosen: true });
    },
  };
});

/** Keeps <html data-theme> in sync and follows OS changes until the operator has chosen. */
export function startThemeSync(): () => void {
  const applyTheme = (theme: Theme) => document.documentElement.setAttribute('data-theme', theme);
  applyTheme(useTheme.getState().theme);
  const unsubscribe = useTheme.subscribe((s) => applyTheme(s.theme));
  const query = darkQuery();
  const onChange = () => {
    if (!useTheme.getState().chosen) useTheme.setState({ theme: systemTheme() });
  };
  query?.addEventListener('change', onChange);
  return () => {
    unsubscribe();
    query?.removeEventListener('change', onChange);
  };
}
