// Write-Attributes (TS Core §5.1.2): pmin, pmax, gt, lt, st (and 1.1's epmin/epmax) per
// object, instance, resource or resource instance. An observation uses the attributes of its
// own level over those of the levels above, and the Server object's default periods last.
import { formatPath, type Lwm2mPath } from '../../core/codecs/lwm2m/index.js';
import { Refusal } from './objects/types.js';

export interface Attributes {
  pmin?: number;
  pmax?: number;
  gt?: number;
  lt?: number;
  st?: number;
  epmin?: number;
  epmax?: number;
}

const NAMES = ['pmin', 'pmax', 'gt', 'lt', 'st', 'epmin', 'epmax'] as const;
type Name = (typeof NAMES)[number];
const PERIODS = new Set<Name>(['pmin', 'pmax', 'epmin', 'epmax']);

export class AttributeStore {
  private readonly byPath = new Map<string, Attributes>();

  /** Applies a Write-Attributes query ("pmin=10", "gt=20.5", "pmax" to clear); all or nothing. */
  write(path: Lwm2mPath, query: readonly string[]): void {
    const changes: [Name, number | undefined][] = [];
    for (const part of query) {
      const eq = part.indexOf('=');
      const name = (eq < 0 ? part : part.slice(0, eq)) as Name;
      if (!NAMES.includes(name)) throw new Refusal('4.00', `unknown attribute "${name}"`);
      if (eq < 0) {
        changes.push([name, undefined]);
        continue;
      }
      const text = part.slice(eq + 1);
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) throw new Refusal('4.00', `attribute ${name}="${text}" is not a number`);
      if (PERIODS.has(name) && (!Number.isInteger(value) || value < 0)) throw new Refusal('4.00', `attribute ${name}=${text} is not a whole number of seconds`);
      if (name === 'st' && value < 0) throw new Refusal('4.00', `attribute st=${text} is negative`);
      changes.push([name, value]);
    }
    if (changes.some(([n]) => n === 'gt' || n === 'lt' || n === 'st') && path.length < 3) {
      throw new Refusal('4.00', `gt, lt and st apply to resources, not ${formatPath(path)}`);
    }
    const next: Attributes = { ...this.byPath.get(formatPath(path)) };
    for (const [name, value] of changes) {
      if (value === undefined) delete next[name];
      else next[name] = value;
    }
    if (next.pmin !== undefined && next.pmax !== undefined && next.pmax < next.pmin) {
      throw new Refusal('4.00', `pmax ${next.pmax} is below pmin ${next.pmin}`);
    }
    if (next.lt !== undefined && next.gt !== undefined && next.lt >= next.gt) {
      throw new Refusal('4.00', `lt ${next.lt} is not below gt ${next.gt}`);
    }
    if (Object.keys(next).length === 0) this.byPath.delete(formatPath(path));
    else this.byPath.set(formatPath(path), next);
  }

  /** Attributes written exactly at `path` (for Discover). */
  at(path: Lwm2mPath): Attributes {
    return this.byPath.get(formatPath(path)) ?? {};
  }

  /** What applies to an observation of `path`: deeper levels win; periods fall back to the defaults. */
  effective(path: Lwm2mPath, defaults: { pmin: number; pmax: number }): Attributes {
    let out: Attributes = {};
    for (let depth = 1; depth <= path.length; depth++) {
      const attrs = this.byPath.get(formatPath(path.slice(0, depth)));
      if (!attrs) continue;
      // thresholds belong to the resource; periods are inherited from the levels above
      const { gt, lt, st, ...periods } = attrs;
      out = { ...out, ...periods, ...(depth === path.length ? { gt, lt, st } : {}) };
    }
    out.pmin ??= defaults.pmin;
    if (out.pmax === undefined && defaults.pmax > 0) out.pmax = defaults.pmax;
    for (const k of Object.keys(out) as Name[]) if (out[k] === undefined) delete out[k];
    return out;
  }

  clear(path: Lwm2mPath): void {
    const prefix = formatPath(path);
    for (const key of [...this.byPath.keys()]) if (key === prefix || key.startsWith(`${prefix}/`)) this.byPath.delete(key);
  }
}

/**
 * Whether a numeric resource's change from `last` (the value last notified) to `now` is worth a
 * notification: crossing gt or lt, or moving by st or more. No thresholds: any change.
 */
export function crossesThresholds(attrs: Attributes, last: number | undefined, now: number): boolean {
  const { gt, lt, st } = attrs;
  if (gt === undefined && lt === undefined && st === undefined) return last !== now;
  if (last === undefined) return true;
  if (gt !== undefined && (last > gt) !== (now > gt)) return true;
  if (lt !== undefined && (last < lt) !== (now < lt)) return true;
  if (st !== undefined && Math.abs(now - last) >= st) return true;
  return false;
}
