// What a device agent reports about itself (published on outpost/v1/{uid}/inventory, or filled from
// the seed agent's snapd answers) and what the device page shows. Pure zod, no Node code.
// Every part may be missing: an agent without snapd, a seed device that answered only some commands.
import { z } from 'zod';

export const InventorySystem = z.object({
  // unknown for a seed-agent device (its answers carry none)
  hostname: z.string().optional(),
  os: z.object({ id: z.string().optional(), name: z.string().optional(), versionId: z.string().optional(), prettyName: z.string().optional() }),
  kernel: z.string().optional(),
  architecture: z.string().optional(),
  cpuCount: z.number().int().optional(),
  memory: z.object({ totalBytes: z.number(), availableBytes: z.number() }).optional(),
  disks: z.array(z.object({ mount: z.string(), totalBytes: z.number(), usedBytes: z.number(), availableBytes: z.number() })).optional(),
  addresses: z.array(z.object({ interface: z.string(), address: z.string(), family: z.enum(['IPv4', 'IPv6']) })).optional(),
  uptimeSec: z.number().optional(),
  // the seed agent's `uptime -p` text ("up 3 hours, 5 minutes") when no number is known
  uptimeText: z.string().optional(),
});
export type InventorySystem = z.infer<typeof InventorySystem>;

export const InventoryUser = z.object({
  name: z.string(),
  uid: z.number().int().optional(),
  home: z.string().optional(),
  shell: z.string().optional(),
  email: z.string().optional(),
  // where it was found: /etc/passwd, Ubuntu Core's /var/lib/extrausers/passwd, or snapd's /v2/users
  source: z.enum(['passwd', 'extrausers', 'snapd']),
});
export type InventoryUser = z.infer<typeof InventoryUser>;

export const InventorySnap = z.object({
  name: z.string(),
  version: z.string(),
  revision: z.string(),
  channel: z.string().optional(),
  trackingChannel: z.string().optional(),
  publisher: z.string().optional(),
  confinement: z.string().optional(),
  status: z.string().optional(),
  installDate: z.string().optional(),
  installedSize: z.number().optional(),
  devmode: z.boolean().optional(),
  classic: z.boolean().optional(),
  type: z.string().optional(),
});
export type InventorySnap = z.infer<typeof InventorySnap>;

export const InventoryService = z.object({ snap: z.string(), name: z.string(), active: z.boolean(), enabled: z.boolean() });
export type InventoryService = z.infer<typeof InventoryService>;

export const SnapdSystemInfo = z.object({
  version: z.string().optional(),
  series: z.string().optional(),
  onClassic: z.boolean().optional(),
  kernelVersion: z.string().optional(),
  architecture: z.string().optional(),
  confinement: z.string().optional(),
  refresh: z.object({ last: z.string().optional(), next: z.string().optional(), timer: z.string().optional() }).optional(),
});
export type SnapdSystemInfo = z.infer<typeof SnapdSystemInfo>;

export const Inventory = z.object({
  // when the device collected it (epoch ms)
  collectedAt: z.number(),
  system: InventorySystem.optional(),
  users: z.array(InventoryUser).optional(),
  snapd: SnapdSystemInfo.optional(),
  snaps: z.array(InventorySnap).optional(),
  services: z.array(InventoryService).optional(),
  // why a part is missing, e.g. {"snaps": "snapd is not installed"}
  missing: z.record(z.string(), z.string()).optional(),
});
export type Inventory = z.infer<typeof Inventory>;

/** A device's last known inventory, as the device page shows it. */
export const DeviceInventory = z.object({
  inventory: Inventory.nullable(),
  // when Outpost received it (epoch ms); null: never
  receivedAt: z.number().nullable(),
  // which agent sent it: Outpost's own, or the seed agent (its answers to getsysteminfo, getuserinfo, getsnapinfo)
  source: z.enum(['agent', 'seed']).nullable(),
});
export type DeviceInventory = z.infer<typeof DeviceInventory>;

/** Fresh inventory is asked for at most this often per device (opening its page asks). */
export const INVENTORY_ASK_MIN_INTERVAL_MS = 30_000;

export const InventoryRefreshResponse = z.object({
  // whether a request went to the device now
  asked: z.boolean(),
  // the inventory.refresh operation (native agent), when one was created
  operationId: z.number().int().nullable(),
  // why not, in words ("asked 12 s ago", "the device is offline: its last known inventory is shown")
  reason: z.string().nullable(),
});
export type InventoryRefreshResponse = z.infer<typeof InventoryRefreshResponse>;
