// Inventory values in words: sizes, uptime, disk use, and the inventory's age. Pure, tested.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** 1536 → "1.5 KiB", 77713408 → "74.1 MiB": binary units, as snap and df -h show them. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) { v /= 1024; u++; }
  if (u === 0) return `${v} B`;
  // three significant digits are enough to compare: "74.1 MiB", "324 MiB"
  return `${v >= 100 ? Math.round(v) : Number(v.toFixed(1))} ${UNITS[u]}`;
}

/** 93784 → "1 day, 2 h 3 min"; under a minute "less than a minute". */
export function formatUptime(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '—';
  const days = Math.floor(sec / 86_400);
  const h = Math.floor((sec % 86_400) / 3600);
  const m = Math.floor((sec % 3600) / 60);
  if (days === 0 && h === 0 && m === 0) return 'less than a minute';
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} day${days === 1 ? '' : 's'}`);
  const clock = [h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : ''].filter(Boolean).join(' ');
  if (clock) parts.push(clock);
  return parts.join(', ');
}

/** Uptime as known: seconds from the native agent, else the seed agent's `uptime -p` text. */
export function uptimeWords(system: { uptimeSec?: number; uptimeText?: string } | undefined): string | null {
  if (system?.uptimeSec !== undefined) return formatUptime(system.uptimeSec);
  const text = system?.uptimeText?.trim();
  if (!text) return null;
  // "up 3 hours, 5 minutes" → "3 hours, 5 minutes": the label already says "Uptime"
  return text.replace(/^up\s+/i, '');
}

/** Used share of a disk in whole percent (0 for an empty or unknown size). */
export function usedPercent(d: { totalBytes: number; usedBytes: number }): number {
  if (!(d.totalBytes > 0)) return 0;
  return Math.min(100, Math.max(0, Math.round((d.usedBytes / d.totalBytes) * 100)));
}

/** snapd's install date ("2026-11-20T14:03:11.123456789Z") as a local date, "2026-11-20"; text it cannot read stays as it is. */
export function formatInstallDate(iso: string | undefined): string {
  if (!iso) return '—';
  // Date cannot parse nanoseconds: cut the fraction to milliseconds
  const t = Date.parse(iso.replace(/(\.\d{3})\d+/, '$1'));
  if (!Number.isFinite(t)) return iso;
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** An ISO time from snapd ("2026-11-22T04:12:31Z") as local date and time; text it cannot read stays. */
export function formatIsoTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso.replace(/(\.\d{3})\d+/, '$1'));
  if (!Number.isFinite(t)) return iso;
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The names of inventory parts as the page calls them, for the "missing" list. */
const PART_WORDS: Record<string, string> = {
  system: 'System', 'system.os': 'Operating system', 'system.kernel': 'Kernel', 'system.architecture': 'Architecture',
  'system.cpuCount': 'CPUs', 'system.memory': 'Memory', 'system.disks': 'Disks', 'system.addresses': 'IP addresses', 'system.uptimeSec': 'Uptime',
  users: 'Users', 'users.passwd': 'Local users (/etc/passwd)', 'users.extrausers': 'Ubuntu Core users', 'users.snapd': "snapd's users",
  snapd: 'snapd system info', snaps: 'Snaps', services: 'Snap services',
};
export function partWords(part: string): string {
  return PART_WORDS[part] ?? part;
}
