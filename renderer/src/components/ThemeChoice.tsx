// The theme toggle of the shell: as the system, light or dark (theme.ts remembers it).
import { themeChoices, useTheme } from '../theme.js';
import type { ThemeChoice as Choice } from '../theme.js';

const labels: Record<Choice, string> = { system: 'As the system', light: 'Light', dark: 'Dark' };

export function ThemeChoice() {
  const [theme, setTheme] = useTheme();
  return (
    <label className="theme-choice">Theme
      <select value={theme} onChange={(e) => setTheme(e.target.value as Choice)} data-testid="theme-select">
        {themeChoices.map((c) => <option key={c} value={c}>{labels[c]}</option>)}
      </select>
    </label>
  );
}
