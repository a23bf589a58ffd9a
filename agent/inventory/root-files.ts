// Reads the system files the inventory is built from, under a filesystem root prefix ('/' on a
// device, a temp dir in tests). A failure is a plain-words reason for `missing`, never a throw.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string; notFound: boolean };

/** The path a device-absolute path like /etc/passwd has under `root`. */
export function underRoot(root: string, devicePath: string): string {
  return join(root, devicePath);
}

export async function readRootFile(root: string, devicePath: string): Promise<ReadResult> {
  try {
    return { ok: true, text: await readFile(underRoot(root, devicePath), 'utf8') };
  } catch (e) {
    return { ok: false, reason: `${devicePath} ${describeFsError(e)}`, notFound: isNotFound(e) };
  }
}

/** The first of `devicePaths` that can be read, or the reasons none could. */
export async function readFirstRootFile(root: string, devicePaths: readonly string[]): Promise<ReadResult & { path?: string }> {
  const reasons: string[] = [];
  let notFound = true;
  for (const p of devicePaths) {
    const r = await readRootFile(root, p);
    if (r.ok) return { ...r, path: p };
    reasons.push(r.reason);
    notFound &&= r.notFound;
  }
  return { ok: false, reason: reasons.join('; '), notFound };
}

export function isNotFound(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'may not be read by the agent (permission denied)';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return `could not be read (${e instanceof Error ? e.message : String(e)})`;
}
