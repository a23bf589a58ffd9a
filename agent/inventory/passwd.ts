// Parses passwd(5) files (/etc/passwd, Ubuntu Core's /var/lib/extrausers/passwd) and keeps the
// people: uid 1000 and up (Debian's and Ubuntu's first regular user), without nobody (65534).
// Lines that are not seven colon-separated fields with a numeric uid are skipped, as are NIS
// "+"/"-" lines and comments.
import type { InventoryUser } from '../../core/contract/inventory.js';

export const FIRST_REGULAR_UID = 1000;
export const NOBODY_UID = 65534;

export interface PasswdEntry { name: string; uid: number; gid: number; gecos: string; home: string; shell: string }

export function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || /^[#+-]/.test(line)) continue;
    const f = line.split(':');
    if (f.length !== 7 || f[0] === '' || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[3]!)) continue;
    out.push({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), gecos: f[4]!, home: f[5]!, shell: f[6]! });
  }
  return out;
}

export function isRegularUser(e: PasswdEntry): boolean {
  return e.uid >= FIRST_REGULAR_UID && e.uid !== NOBODY_UID;
}

export function passwdUsers(text: string, source: 'passwd' | 'extrausers'): InventoryUser[] {
  return parsePasswd(text).filter(isRegularUser).map((e) => {
    const user: InventoryUser = { name: e.name, uid: e.uid, source };
    if (e.home) user.home = e.home;
    if (e.shell) user.shell = e.shell;
    return user;
  });
}
