import { createRequire } from 'node:module';

/** The Electron binary's path as the electron package reports it in plain Node; null if it was never downloaded. */
export function electronBinaryPath(): string | null {
  try {
    const resolved: unknown = createRequire(import.meta.url)('electron');
    return typeof resolved === 'string' ? resolved : null;
  } catch {
    return null;
  }
}
