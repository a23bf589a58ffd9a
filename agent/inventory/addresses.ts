// The device's IP addresses from os.networkInterfaces(), loopback left out. Link-local IPv6
// addresses are kept: on a LAN without DHCP they may be the only way to reach the device.
import type { NetworkInterfaceInfo } from 'node:os';
import type { InventorySystem } from '../../core/contract/inventory.js';

export type Address = NonNullable<InventorySystem['addresses']>[number];

export function externalAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): Address[] {
  const out: Address[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.internal) continue;
      // Node 18.0-18.3 reported the family as a number
      const family = String(info.family) === '6' ? 'IPv6' : String(info.family) === '4' ? 'IPv4' : info.family;
      if (family !== 'IPv4' && family !== 'IPv6') continue;
      out.push({ interface: name, address: info.address, family });
    }
  }
  return out;
}
