// The device list's view of its data: filter chips (status by deviceHealth, tags), sorting and
// counts per chip. Pure, so the rules are unit-tested without a browser.
import type { Device } from '../../../core/contract/api.js';
import { deviceHealth, type Health } from '../../../core/contract/device-health.js';

export const HEALTHS: readonly Health[] = ['online', 'idle', 'warning', 'unknown', 'never'];

export type SortKey = 'name' | 'status' | 'lastSeen';
export type SortDir = 'asc' | 'desc';
export interface Sort { key: SortKey; dir: SortDir }
/** the direction a column starts in when first clicked: most recent first for last seen */
export const FIRST_DIR: Record<SortKey, SortDir> = { name: 'asc', status: 'asc', lastSeen: 'desc' };

export interface ChipFilter {
  /** none: any status */
  health: ReadonlySet<Health>;
  /** none: any tags; several: a device with any of them */
  tags: ReadonlySet<string>;
}

// status sorted by how much it needs someone: problems first, never-connected last
const HEALTH_RANK: Record<Health, number> = { warning: 0, unknown: 1, online: 2, idle: 3, never: 4 };
const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const healthOk = (f: ChipFilter, h: Health) => f.health.size === 0 || f.health.has(h);
const tagsOk = (f: ChipFilter, d: Device) => f.tags.size === 0 || d.tags.some((t) => f.tags.has(t));

export interface ListView {
  /** the devices that pass the chips, sorted */
  rows: Device[];
  /** per status: devices that pass the tag chips (so the counts say what a click would show) */
  healthCounts: Record<Health, number>;
  /** per tag present, most used first: devices that pass the status chips */
  tagCounts: Array<[tag: string, count: number]>;
}

export function listView(devices: readonly Device[], filter: ChipFilter, sort: Sort, now: number): ListView {
  const health = new Map(devices.map((d) => [d.uid, deviceHealth(d, now)]));
  const healthCounts = Object.fromEntries(HEALTHS.map((h) => [h, 0])) as Record<Health, number>;
  const tagCount = new Map<string, number>();
  const rows: Device[] = [];
  for (const d of devices) {
    const h = health.get(d.uid)!;
    const hOk = healthOk(filter, h);
    const tOk = tagsOk(filter, d);
    if (tOk) healthCounts[h] += 1;
    if (hOk) for (const t of new Set(d.tags)) tagCount.set(t, (tagCount.get(t) ?? 0) + 1);
    if (hOk && tOk) rows.push(d);
  }
  // a chosen tag stays as a chip even when nothing shown carries it, so it can be unchosen
  for (const t of filter.tags) if (!tagCount.has(t)) tagCount.set(t, 0);
  const sign = sort.dir === 'asc' ? 1 : -1;
  const nameOrder = (a: Device, b: Device) => byName.compare(a.name, b.name) || byName.compare(a.uid, b.uid);
  const compare: Record<SortKey, (a: Device, b: Device) => number> = {
    name: nameOrder,
    status: (a, b) => HEALTH_RANK[health.get(a.uid)!] - HEALTH_RANK[health.get(b.uid)!],
    // never seen counts as the oldest
    lastSeen: (a, b) => (a.lastSeen ?? -Infinity) - (b.lastSeen ?? -Infinity) || 0,
  };
  rows.sort((a, b) => sign * compare[sort.key](a, b) || nameOrder(a, b));
  const tagCounts = [...tagCount].sort((a, b) => b[1] - a[1] || byName.compare(a[0], b[0]));
  return { rows, healthCounts, tagCounts };
}

export const PAGE_SIZE = 50;

/** One page of `rows` (1-based page, clamped), and how many pages there are. */
export function pageOf<T>(rows: readonly T[], page: number, size = PAGE_SIZE): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(1, page), pages);
  return { items: rows.slice((p - 1) * size, p * size), page: p, pages };
}
