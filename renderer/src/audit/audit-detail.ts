// An audit entry's detail in words: one small formatter per action, and a "key: value" list for
// anything without one (a later action, or a field added later).

type Detail = Record<string, unknown>;
type Formatter = (d: Detail) => string | null;

const list = (v: unknown) => (Array.isArray(v) ? (v.length ? v.map(String).join(', ') : 'none') : String(v));
const plainValue = (v: unknown): string => {
  if (v === null) return 'none';
  if (Array.isArray(v)) return list(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};
const count = (uids: unknown) => {
  const n = Array.isArray(uids) ? uids.length : 0;
  const names = Array.isArray(uids) ? `: ${uids.slice(0, 5).join(', ')}${uids.length > 5 ? `, and ${uids.length - 5} more` : ''}` : '';
  return `${n} device${n === 1 ? '' : 's'}${names}`;
};

const formatters: Record<string, Formatter> = {
  setup: () => 'created the owner account (admin)',
  login: () => 'logged in',
  'login-failed': (d) => {
    const why = typeof d['reason'] === 'string' ? d['reason'] : 'failed';
    return typeof d['typedLength'] === 'number' ? `${why} (typed ${d['typedLength']} characters, not stored)` : why;
  },
  'user-created': (d) => `role ${plainValue(d['role'])}`,
  'user-updated': (d) => [
    d['role'] !== undefined ? `role changed to ${plainValue(d['role'])}` : null,
    d['disabled'] === true ? 'disabled' : d['disabled'] === false ? 'enabled' : null,
    d['password'] !== undefined ? 'password reset' : null,
  ].filter(Boolean).join(', ') || null,
  'device-created': (d) => `named “${plainValue(d['name'])}”, tags ${list(d['tags'] ?? [])}`,
  'device-updated': (d) => [
    d['name'] !== undefined ? `renamed to “${plainValue(d['name'])}”` : null,
    d['tags'] !== undefined ? `changed tags to ${list(d['tags'])}` : null,
  ].filter(Boolean).join(', ') || null,
  'device-deleted': () => 'deleted with its data',
  'device-token-rotated': () => 'rotated token (the old one stopped working)',
  'series-updated': (d) => (d['unit'] === null ? 'cleared the unit' : `set the unit to ${plainValue(d['unit'])}`),
  'devices-tagged': (d) => `added tag “${plainValue(d['tag'])}” to ${count(d['uids'])}`,
  'devices-untagged': (d) => `removed tag “${plainValue(d['tag'])}” from ${count(d['uids'])}`,
  'devices-deleted': (d) => `deleted ${count(d['uids'])}`,
  'settings-changed': (d) => (Object.keys(d).length ? null : 'nothing changed'),
};

/** "key: value" pairs of a detail object (or the value itself), the fallback for every action. */
export function detailPairs(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return plainValue(detail);
  return Object.entries(detail as Detail).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${plainValue(v)}`).join(', ');
}

export function auditDetailText(action: string, detail: unknown): string {
  const d = detail !== null && typeof detail === 'object' && !Array.isArray(detail) ? detail as Detail : null;
  const f = formatters[action];
  if (f) {
    try {
      const text = f(d ?? {});
      if (text) return text;
    } catch { /* an unexpected shape falls back to the plain pairs */ }
  }
  return detailPairs(detail);
}
