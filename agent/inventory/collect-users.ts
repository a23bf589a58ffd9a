// The users part: /etc/passwd, Ubuntu Core's /var/lib/extrausers/passwd, and snapd's /v2/users
// (asked by the caller, who knows whether snapd will answer). Reasons go to `missing` under
// "users.passwd", "users.extrausers", "users.snapd"; "users" when no source could be read at all.
import type { InventoryUser } from '../../core/contract/inventory.js';
import type { Answer } from './ask-snapd.js';
import type { Missing } from './collect-system.js';
import { mergeUsers } from './merge-users.js';
import { passwdUsers } from './passwd.js';
import { readRootFile } from './root-files.js';

export async function collectUsers(root: string, snapdUsers: Promise<Answer<InventoryUser[]>>, missing: Missing): Promise<InventoryUser[] | undefined> {
  const lists: InventoryUser[][] = [];

  const passwd = await readRootFile(root, '/etc/passwd');
  if (passwd.ok) lists.push(passwdUsers(passwd.text, 'passwd'));
  else missing['users.passwd'] = passwd.reason;

  // Absent on classic Ubuntu and Debian: not worth a word. Unreadable on Ubuntu Core: it is.
  const extra = await readRootFile(root, '/var/lib/extrausers/passwd');
  if (extra.ok) lists.push(passwdUsers(extra.text, 'extrausers'));
  else if (!extra.notFound) missing['users.extrausers'] = extra.reason;

  const fromSnapd = await snapdUsers;
  if ('value' in fromSnapd) lists.push(fromSnapd.value.map((u) => ({ ...u, source: 'snapd' as const })));
  else missing['users.snapd'] = fromSnapd.reason;

  if (lists.length === 0) {
    missing.users = 'no list of users could be read';
    return undefined;
  }
  return mergeUsers(...lists);
}
