// Object 3311, IPSO Light Control: a lamp the server switches and dims; On Time counts while on.
import { Refusal, type ObjectDef } from './types.js';

export const lightControl: ObjectDef = {
  id: 3311,
  name: 'Light Control',
  multiple: true,
  resources: [
    { id: 5850, name: 'On/Off', type: 'boolean', ops: 'RW' },
    { id: 5851, name: 'Dimmer', type: 'integer', ops: 'RW', units: '%' },
    { id: 5852, name: 'On Time', type: 'integer', ops: 'RW', units: 's' },
    { id: 5706, name: 'Colour', type: 'string', ops: 'RW' },
    { id: 5701, name: 'Sensor Units', type: 'string', ops: 'R' },
  ],
  initial: () => ({ 0: { 5850: false, 5851: 100, 5852: 0, 5706: 'white', 5701: '%' } }),
  defaults: () => ({ 5850: false, 5851: 100, 5852: 0, 5706: 'white', 5701: '%' }),
  written(dev, instanceId, resourceId, value) {
    if (resourceId === 5850) dev.log(`light ${instanceId}: ${value ? 'on' : 'off'}`);
    if (resourceId === 5851 && typeof value === 'number' && (value < 0 || value > 100)) throw new Refusal('4.00', `dimmer ${value} is outside 0..100`);
  },
  tick(dev, instanceId) {
    const since = dev.get([3311, instanceId, 5852]);
    if (dev.get([3311, instanceId, 5850]) === true && typeof since === 'number') dev.set([3311, instanceId, 5852], since + 1);
  },
};
