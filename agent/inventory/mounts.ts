// Parses /proc/mounts and keeps the filesystems whose usage means something to an operator:
// block-device filesystems. Pseudo filesystems (proc, sysfs, cgroup, tmpfs, devpts...) and
// squashfs are left out: squashfs is read-only and always full (every snap revision is one loop
// mount under /snap, Ubuntu Core's base too), so it would only drown the real disks. An overlay
// is kept only at / (the root of a container). A device mounted twice (bind mounts: Ubuntu Core
// binds /writable into /etc, /var/lib...) is reported once, at its shortest mount point.

export interface MountEntry { source: string; mount: string; fsType: string }

const REAL_FS = new Set([
  'ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'vfat', 'exfat', 'ntfs', 'ntfs3', 'f2fs', 'zfs', 'jfs', 'reiserfs', 'bcachefs',
]);

// Fields in /proc/mounts escape space, tab, newline and backslash as \040 \011 \012 \134.
function unescapeMountField(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

export function parseMounts(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 3 || !parts[1]!.startsWith('/')) continue;
    out.push({ source: unescapeMountField(parts[0]!), mount: unescapeMountField(parts[1]!), fsType: parts[2]! });
  }
  return out;
}

export function isReportedFilesystem(m: MountEntry): boolean {
  return REAL_FS.has(m.fsType) || (m.fsType === 'overlay' && m.mount === '/');
}

/** The mounts to report, one per device, in the file's order. */
export function reportedMounts(entries: readonly MountEntry[]): MountEntry[] {
  const bySource = new Map<string, MountEntry>();
  for (const m of entries.filter(isReportedFilesystem)) {
    const seen = bySource.get(m.source);
    if (!seen || m.mount.length < seen.mount.length) bySource.set(m.source, m);
  }
  const kept = new Set(bySource.values());
  return entries.filter((m) => kept.has(m));
}
