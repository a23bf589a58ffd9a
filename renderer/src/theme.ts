// The colour theme: follow the system, or light or dark as the user chose (remembered in
// localStorage). /theme-init.js applies it before the first paint; this keeps it current.
import { useState } from 'react';

export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];
export type Theme = 'light' | 'dark';

/** the key /theme-init.js reads too */
export const THEME_KEY = 'outpost-theme';

export function parseChoice(stored: string | null | undefined): ThemeChoice {
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

// with storage blocked the choice lives here until reload
let unstored: ThemeChoice | null = null;
function readChoice(): ThemeChoice {
  try { return parseChoice(localStorage.getItem(THEME_KEY)); } catch { return unstored ?? 'system'; }
}

const systemQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function apply(choice: ThemeChoice): void {
  document.documentElement.setAttribute('data-theme', resolveTheme(choice, systemQuery().matches));
}

/**
 * Applies the stored choice and keeps following the OS setting while it is "system", on every
 * screen (login included); main.tsx calls it once before the first render.
 */
export function followTheme(): void {
  apply(readChoice());
  systemQuery().addEventListener('change', () => apply(readChoice()));
}

/** The user's choice and a setter that stores and applies it. */
export function useTheme(): [ThemeChoice, (c: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>(readChoice);
  const set = (c: ThemeChoice) => {
    try {
      if (c === 'system') localStorage.removeItem(THEME_KEY); else localStorage.setItem(THEME_KEY, c);
    } catch { unstored = c; }
    apply(c);
    setChoice(c);
  };
  return [choice, set];
}
