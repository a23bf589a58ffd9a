// Object 3, Device: identity, power, memory, error codes, time; reboot and factory reset.
import type { ObjectDef } from './types.js';

export const device: ObjectDef = {
  id: 3,
  name: 'Device',
  // a 1.1 device carries Device 1.1 (its new resources are optional), as Zephyr does
  version: (lwm2m) => lwm2m,
  multiple: false,
  resources: [
    { id: 0, name: 'Manufacturer', type: 'string', ops: 'R' },
    { id: 1, name: 'Model Number', type: 'string', ops: 'R' },
    { id: 2, name: 'Serial Number', type: 'string', ops: 'R' },
    { id: 3, name: 'Firmware Version', type: 'string', ops: 'R' },
    { id: 4, name: 'Reboot', ops: 'E' },
    { id: 5, name: 'Factory Reset', ops: 'E' },
    { id: 6, name: 'Available Power Sources', type: 'integer', ops: 'R', multiple: true },
    { id: 7, name: 'Power Source Voltage', type: 'integer', ops: 'R', multiple: true, units: 'mV' },
    { id: 9, name: 'Battery Level', type: 'integer', ops: 'R', units: '%' },
    { id: 10, name: 'Memory Free', type: 'integer', ops: 'R', units: 'KB' },
    { id: 11, name: 'Error Code', type: 'integer', ops: 'R', multiple: true },
    { id: 12, name: 'Reset Error Code', ops: 'E' },
    { id: 13, name: 'Current Time', type: 'time', ops: 'RW' },
    { id: 14, name: 'UTC Offset', type: 'string', ops: 'RW' },
    { id: 15, name: 'Timezone', type: 'string', ops: 'RW' },
    { id: 16, name: 'Supported Binding and Modes', type: 'string', ops: 'R' },
    { id: 17, name: 'Device Type', type: 'string', ops: 'R' },
    { id: 18, name: 'Hardware Version', type: 'string', ops: 'R' },
    { id: 21, name: 'Memory Total', type: 'integer', ops: 'R', units: 'KB' },
  ],
  initial: ({ endpoint, queueMode }) => ({
    0: {
      0: 'Outpost', 1: 'lwm2m-sim', 2: endpoint, 3: '1.0.0',
      // 1 = internal battery, 5 = USB
      6: [1, 5], 7: [3800, 5000], 9: 100, 10: 512, 11: [0],
      13: Math.floor(Date.now() / 1000), 14: '+00:00', 15: 'Etc/UTC',
      16: queueMode ? 'UQ' : 'U', 17: 'sensor', 18: 'sim-1', 21: 1024,
    },
  }),
  execute: {
    4: (dev) => dev.reboot(),
    5: (dev) => dev.factoryReset(),
    12: (dev) => dev.set([3, 0, 11], 0),
  },
  tick(dev) {
    dev.set([3, 0, 13], Math.floor(Date.now() / 1000));
    const battery = dev.get([3, 0, 9]);
    // the battery drains slowly and is "replaced" when empty
    if (typeof battery === 'number' && Math.random() < 0.1) dev.set([3, 0, 9], battery <= 5 ? 100 : battery - 1);
    dev.set([3, 0, 10], 400 + Math.floor(Math.random() * 200));
  },
};
