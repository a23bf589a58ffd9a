// Object 6, Location: a device that moves slowly (a few metres per step).
import type { ObjectDef } from './types.js';

export const location: ObjectDef = {
  id: 6,
  name: 'Location',
  multiple: false,
  resources: [
    { id: 0, name: 'Latitude', type: 'float', ops: 'R', units: 'lat' },
    { id: 1, name: 'Longitude', type: 'float', ops: 'R', units: 'lon' },
    { id: 2, name: 'Altitude', type: 'float', ops: 'R', units: 'm' },
    { id: 5, name: 'Timestamp', type: 'time', ops: 'R' },
    { id: 6, name: 'Speed', type: 'float', ops: 'R', units: 'm/s' },
  ],
  initial: () => ({
    0: { 0: 52.52 + Math.random() * 0.01, 1: 13.405 + Math.random() * 0.01, 2: 34, 5: Math.floor(Date.now() / 1000), 6: 0.5 },
  }),
  tick(dev) {
    const lat = dev.get([6, 0, 0]);
    const lon = dev.get([6, 0, 1]);
    if (typeof lat !== 'number' || typeof lon !== 'number') return;
    dev.set([6, 0, 0], lat + (Math.random() - 0.5) * 0.00005);
    dev.set([6, 0, 1], lon + (Math.random() - 0.5) * 0.00005);
    dev.set([6, 0, 5], Math.floor(Date.now() / 1000));
  },
};
