// Crash-safe small files: write to a temporary name, fsync it, rename over the target, fsync the
// directory. After a power cut the target holds either the old or the new content, never a torn
// mix, and a rename that returned is on disk. Used by the outbox and the operation records.
import { open, rename, readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const TMP_PREFIX = '.tmp-';

export async function writeFileDurably(path: string, data: string | Buffer): Promise<void> {
  const tmp = join(dirname(path), `${TMP_PREFIX}${basename(path)}`);
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  await syncDirectory(dirname(path));
}

/** Makes a rename or unlink in `dir` durable (the entry itself lives in the directory). */
export async function syncDirectory(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Removes temporary files a crash left behind before their rename. */
export async function removeLeftoverTemporaries(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name.startsWith(TMP_PREFIX)) await unlink(join(dir, name)).catch(() => undefined);
  }
}
