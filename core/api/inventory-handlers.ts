// A device's inventory, and asking for a fresh one: an inventory.refresh operation, which each
// protocol's transport turns into what its agent understands.
import { DomainError } from '../errors.js';
import type { ApiServices } from './context.js';
import type { Handlers } from './handler-types.js';

export function inventoryHandlers(s: ApiServices): Pick<Handlers, 'getInventory' | 'refreshInventory'> {
  const device = (uid: string | undefined) => {
    const d = uid === undefined ? undefined : s.devices.get(uid);
    if (!d) throw new DomainError('not_found', `no device ${uid}`);
    return d;
  };
  return {
    getInventory: ({ params }) => s.inventory.get(device(params.uid)),
    async refreshInventory({ params, user }) {
      const d = device(params.uid);
      if (d.status !== 'online') return { asked: false, operationId: null, reason: 'the device is offline: its last known inventory is shown' };
      const may = s.inventory.mayAsk(d.uid);
      if (!may.ok) {
        return { asked: false, operationId: null, reason: `asked ${Math.round(may.askedMsAgo / 1000)} s ago; fresh inventory is asked for at most every 30 s` };
      }
      const op = await s.operations.create(d.uid, { kind: 'inventory.refresh', args: {}, ttlSec: 60, maxAttempts: 1, replyTimeoutSec: 30 }, user?.username ?? null);
      return { asked: true, operationId: op.id, reason: null };
    },
  };
}
