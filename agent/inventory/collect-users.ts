// The users part: /etc/passwd, Ubuntu Core's /var/lib/extrausers/passwd, and snapd's /v2/users
// when the agent is root (snapd refuses it to anyone else). Reasons go to `missing` under
// "users.passwd", "users.extrausers", "users.snapd"; "users" when no source could be read at all.
import type { InventoryUser } from '../../core/contract/inventory.js';
import type { Missing } from './collect-system.js';
import { mergeUsers } from './merge-users.js';
import { passwdUsers } from './passwd.js';
import { readRootFile } from './root-files.js';

export interface SnapdUsers {
  /** snapd's users, or why there are none to show */
  list: () => Promise<InventoryUser[]>;
  isRoot: boolean;
  uid: number | undefined;
  describe: (e: unknown) => string;
}

export async function collectUsers(root: string, snapd: SnapdUsers | string, missing: Missing): Promise<InventoryUser[] | undefined> {
  const lists: InventoryUser[][] = [];

  const passwd = await readRootFile(root, '/etc/passwd');
  if (passwd.ok) lists.push(passwdUsers(passwd.text, 'passwd'));
  else missing['users.passwd'] = passwd.reason;

  // Absent on classic Ubuntu and Debian: not worth a word. Unreadable on Ubuntu Core: it is.
  const extra = await readRootFile(root, '/var/lib/extrausers/passwd');
  if (extra.ok) lists.push(passwdUsers(extra.text, 'extrausers'));
  else if (!extra.notFound) missing['users.extrausers'] = extra.reason;

  if (typeof snapd === 'string') missing['users.snapd'] = snapd;
  else if (!snapd.isRoot) missing['users.snapd'] = `snapd lists its users only to root, and the agent runs as uid ${snapd.uid ?? 'unknown'}`;
  else {
    try {
      lists.push((await snapd.list()).map((u) => ({ ...u, source: 'snapd' as const })));
    } catch (e) {
      missing['users.snapd'] = snapd.describe(e);
    }
  }

  if (lists.length === 0) {
    missing.users = 'no list of users could be read';
    return undefined;
  }
  return mergeUsers(...lists);
}
