// Disk usage of the reported mounts via statfs(2), figured like df: used = (blocks - free) × block
// size, available = blocks available to unprivileged users × block size (root's reserve excluded).
import { statfs } from 'node:fs/promises';
import type { InventorySystem } from '../../core/contract/inventory.js';
import { describeFsError, readRootFile, underRoot } from './root-files.js';
import { parseMounts, reportedMounts } from './mounts.js';

export type Disk = NonNullable<InventorySystem['disks']>[number];

export interface DisksResult { disks?: Disk[]; problem?: string }

export async function collectDisks(root: string): Promise<DisksResult> {
  const file = await readRootFile(root, '/proc/mounts');
  if (!file.ok) return { problem: file.reason };
  const mounts = reportedMounts(parseMounts(file.text));
  if (mounts.length === 0) return { problem: '/proc/mounts lists no disk filesystem' };
  const disks: Disk[] = [];
  const failed: string[] = [];
  for (const m of mounts) {
    try {
      const s = await statfs(underRoot(root, m.mount));
      disks.push({
        mount: m.mount,
        totalBytes: s.blocks * s.bsize,
        usedBytes: (s.blocks - s.bfree) * s.bsize,
        availableBytes: s.bavail * s.bsize,
      });
    } catch (e) {
      failed.push(`${m.mount} ${describeFsError(e)}`);
    }
  }
  if (failed.length === 0) return { disks };
  const problem = `usage unknown for ${failed.join('; ')}`;
  return disks.length > 0 ? { disks, problem } : { problem };
}
