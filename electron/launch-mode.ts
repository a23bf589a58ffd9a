// Pure decision for `npm start`: can the desktop shell run here, or does Outpost run headless?
// No I/O here; electron/launch.ts gathers the facts and acts on the decision.

export interface LaunchFacts {
  platform: NodeJS.Platform;
  /** Path of the Electron binary, or null when the electron package could not name one. */
  electronPath: string | null;
  /** Whether that path exists on disk. */
  electronPathExists: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Command-line arguments after the script name. */
  args: readonly string[];
}

export type LaunchDecision =
  | { mode: 'electron'; electronPath: string; args: string[] }
  | {
      mode: 'headless';
      /** One line for the user, or null when nothing needs saying (e.g. --help). */
      message: string | null;
      args: string[];
    };

const HEADLESS_FLAG = '--headless';

/** Linux and the BSDs need an X11 or Wayland display; macOS and Windows always have one. */
export function needsDisplayVariable(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin' && platform !== 'win32';
}

export function decideLaunchMode(facts: LaunchFacts): LaunchDecision {
  const args = facts.args.filter((arg) => arg !== HEADLESS_FLAG);

  if (args.includes('--help') || args.includes('-h')) {
    return { mode: 'headless', message: null, args };
  }
  if (facts.args.includes(HEADLESS_FLAG) || isTruthy(facts.env.OUTPOST_HEADLESS)) {
    return { mode: 'headless', message: 'Running headless (requested).', args };
  }

  const reasons: string[] = [];
  if (facts.electronPath === null || !facts.electronPathExists) {
    reasons.push('binary not downloaded');
  }
  if (
    needsDisplayVariable(facts.platform) &&
    !facts.env.DISPLAY &&
    !facts.env.WAYLAND_DISPLAY
  ) {
    reasons.push('no display');
  }

  if (reasons.length > 0 || facts.electronPath === null) {
    return {
      mode: 'headless',
      message: `Electron is not available (${reasons.join('; ')}) — running headless.`,
      args,
    };
  }
  return { mode: 'electron', electronPath: facts.electronPath, args };
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
