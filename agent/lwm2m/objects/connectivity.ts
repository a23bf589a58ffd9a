// Object 4, Connectivity Monitoring: bearer, signal strength, link quality, IP addresses.
import type { ObjectDef } from './types.js';

export const connectivity: ObjectDef = {
  id: 4,
  name: 'Connectivity Monitoring',
  multiple: false,
  resources: [
    { id: 0, name: 'Network Bearer', type: 'integer', ops: 'R' },
    { id: 1, name: 'Available Network Bearer', type: 'integer', ops: 'R', multiple: true },
    { id: 2, name: 'Radio Signal Strength', type: 'integer', ops: 'R', units: 'dBm' },
    { id: 3, name: 'Link Quality', type: 'integer', ops: 'R' },
    { id: 4, name: 'IP Addresses', type: 'string', ops: 'R', multiple: true },
  ],
  // 21 = WLAN
  initial: () => ({ 0: { 0: 21, 1: [21], 2: -65, 3: 90, 4: ['127.0.0.1'] } }),
  tick(dev) {
    dev.set([4, 0, 2], -55 - Math.floor(Math.random() * 30));
    dev.set([4, 0, 3], 60 + Math.floor(Math.random() * 40));
  },
};
