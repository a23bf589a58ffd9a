// The native agent's inventory message (outpost/v1/{uid}/inventory): JSON of the Inventory shape.
import { Inventory } from '../contract/inventory.js';

export function decodeInventory(payload: Buffer): { ok: true; inventory: Inventory } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'payload is not JSON' };
  }
  const parsed = Inventory.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `${issue.path.join('.') || 'payload'}: ${issue.message}` };
  }
  return { ok: true, inventory: parsed.data };
}
