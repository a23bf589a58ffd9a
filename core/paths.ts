import { homedir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The data directory by OS convention; OUTPOST_DATA_DIR overrides it. */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (env.OUTPOST_DATA_DIR) return env.OUTPOST_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Outpost');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Outpost');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'outpost');
}

/** The built renderer: dist/ui beside the compiled core, or from the source tree. */
export function defaultUiDir(): string | undefined {
  const candidates = ['../ui', '../dist/ui'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0];
}
