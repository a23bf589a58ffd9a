// The data directory holds password hashes, tokens' hashes, the audit log and every device's
// telemetry: only the user running Outpost may read it, whatever the umask says.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../log.js';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;
const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Creates dataDir 0700 (parents as usual) or tightens an existing one, logging what it changed. */
export function ensurePrivateDir(dataDir: string, log?: Logger, platform = process.platform): void {
  if (!existsSync(dataDir)) {
    mkdirSync(dirname(dataDir), { recursive: true });
    mkdirSync(dataDir, { mode: DIR_MODE });
  }
  tighten(dataDir, DIR_MODE, log, platform);
}

/** Creates the file 0600 if missing (so it is never readable by others, not even briefly) or tightens it. */
export function ensurePrivateFile(file: string, log?: Logger, platform = process.platform): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', FILE_MODE));
  tighten(file, FILE_MODE, log, platform);
}

function tighten(path: string, wanted: number, log: Logger | undefined, platform: string): void {
  if (platform === 'win32') return; // ACLs, not modes: the per-user profile folder protects it
  const mode = statSync(path).mode & 0o777;
  if (mode === wanted) return;
  chmodSync(path, wanted);
  log?.info(`permissions of ${path} tightened from ${octal(mode)} to ${octal(wanted)}: only this user may read Outpost's data`);
}
