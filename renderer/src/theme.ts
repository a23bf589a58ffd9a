// The colour theme: follow the system, or light or dark as the user chose (remembered in
// localStorage). /theme-init.js applies it before the first paint; this keeps it current.
import { useEffect, useState } from 'react';

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

function readChoice(): ThemeChoice {
  try { return parseChoice(localStorage.getItem(THEME_KEY)); } catch { return 'system'; }
}

const systemQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function apply(choice: ThemeChoice): void {
  document.documentElement.setAttribute('data-theme', resolveTheme(choice, systemQuery().matches));
}

/** The user's choice and a setter that stores and applies it; "system" follows changes of the OS setting. */
export function useTheme(): [ThemeChoice, (c: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>(readChoice);
  useEffect(() => {
    apply(choice);
    if (choice !== 'system') return;
    const q = systemQuery();
    const onChange = () => apply('system');
    q.addEventListener('change', onChange);
    return () => q.removeEventListener('change', onChange);
  }, [choice]);
  const set = (c: ThemeChoice) => {
    try {
      if (c === 'system') localStorage.removeItem(THEME_KEY); else localStorage.setItem(THEME_KEY, c);
    } catch { /* storage blocked: the choice lasts until reload */ }
    setChoice(c);
  };
  return [choice, set];
}
