// Parses os-release(5): KEY=value lines, values optionally in double or single quotes, double
// quotes allowing backslash escapes of " \ $ `; '#' comments and blank lines ignored. Lines that
// are not KEY=value are skipped rather than failing the whole file.
import type { InventorySystem } from '../../core/contract/inventory.js';

const LINE = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

export function parseOsReleaseFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const value = unquote(m[2]!);
    if (value !== undefined) fields[m[1]!] = value;
  }
  return fields;
}

/** undefined for an unterminated quote (a malformed line, skipped). */
function unquote(v: string): string | undefined {
  if (v.startsWith('"')) {
    let out = '';
    for (let i = 1; i < v.length; i++) {
      const c = v[i]!;
      if (c === '\\' && i + 1 < v.length) out += v[++i];
      else if (c === '"') return out;
      else out += c;
    }
    return undefined;
  }
  if (v.startsWith("'")) {
    const end = v.indexOf("'", 1);
    return end < 0 ? undefined : v.slice(1, end);
  }
  return v;
}

export type OsRelease = InventorySystem['os'];

export function parseOsRelease(text: string): OsRelease {
  const f = parseOsReleaseFields(text);
  const os: OsRelease = {};
  if (f.ID !== undefined) os.id = f.ID;
  if (f.NAME !== undefined) os.name = f.NAME;
  if (f.VERSION_ID !== undefined) os.versionId = f.VERSION_ID;
  if (f.PRETTY_NAME !== undefined) os.prettyName = f.PRETTY_NAME;
  return os;
}
