// Which of two answers about a device's inventory to show. Pure, tested.
import type { DeviceInventory } from '../../../../core/contract/inventory.js';

/** The later of two answers: a slow fetch must not replace what the live stream already brought. */
export function newerInventory(current: DeviceInventory | null, next: DeviceInventory): DeviceInventory {
  if (current?.receivedAt != null && next.receivedAt != null && next.receivedAt < current.receivedAt) return current;
  return next;
}
