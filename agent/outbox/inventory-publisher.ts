// Puts an inventory into the outbox (then on outpost/v1/{uid}/inventory, QoS 1, retained), after
// checking it against the shared Inventory schema so Outpost never gets one it must refuse.
import { Inventory } from '../../core/contract/inventory.js';
import type { Outbox } from './outbox.js';

/** Outpost's default largest MQTT message is 1 MiB; stay below it with room for the topic. */
export const INVENTORY_MAX_BYTES = 1_000_000;

export type SendInventory = (inventory: Inventory) => Promise<void>;

export function inventoryPublisher(outbox: Outbox): SendInventory {
  return async (inventory) => {
    const parsed = Inventory.safeParse(inventory);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`inventory is not valid: ${issue.path.join('.') || 'inventory'}: ${issue.message}`);
    }
    const payload = JSON.stringify(parsed.data);
    if (Buffer.byteLength(payload) > INVENTORY_MAX_BYTES) {
      throw new Error(`inventory of ${Buffer.byteLength(payload)} bytes is larger than ${INVENTORY_MAX_BYTES}`);
    }
    if (!(await outbox.append({ channel: 'inventory', payload }))) {
      throw new Error('the outbox is full (the server has been unreachable for long); inventory not queued');
    }
  };
}
