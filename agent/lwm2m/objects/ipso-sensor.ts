// The shared shape of IPSO sensors (3303 Temperature, 3304 Humidity): a value that drifts,
// its unit, the measured min/max and an execute that resets them.
import type { DeviceApi, ObjectDef } from './types.js';

export interface SensorSpec {
  id: number;
  name: string;
  units: string;
  start: number;
  min: number;
  max: number;
  /** how far one step may move the value */
  step: number;
}

const round = (n: number): number => Math.round(n * 100) / 100;

export function ipsoSensor(spec: SensorSpec): ObjectDef {
  const resetMinMax = (dev: DeviceApi, instanceId: number): void => {
    const v = dev.get([spec.id, instanceId, 5700]);
    dev.set([spec.id, instanceId, 5601], v ?? spec.start);
    dev.set([spec.id, instanceId, 5602], v ?? spec.start);
  };
  const values = (start: number) => ({ 5700: start, 5701: spec.units, 5601: start, 5602: start, 5603: spec.min, 5604: spec.max, 5750: '' });
  return {
    id: spec.id,
    name: spec.name,
    multiple: true,
    resources: [
      { id: 5700, name: 'Sensor Value', type: 'float', ops: 'R', units: spec.units },
      { id: 5701, name: 'Sensor Units', type: 'string', ops: 'R' },
      { id: 5601, name: 'Min Measured Value', type: 'float', ops: 'R' },
      { id: 5602, name: 'Max Measured Value', type: 'float', ops: 'R' },
      { id: 5603, name: 'Min Range Value', type: 'float', ops: 'R' },
      { id: 5604, name: 'Max Range Value', type: 'float', ops: 'R' },
      { id: 5605, name: 'Reset Min and Max Measured Values', ops: 'E' },
      { id: 5750, name: 'Application Type', type: 'string', ops: 'RW' },
    ],
    initial: () => ({ 0: values(round(spec.start + (Math.random() - 0.5) * spec.step * 4)) }),
    defaults: () => values(spec.start),
    execute: { 5605: resetMinMax },
    tick(dev, instanceId) {
      const v = dev.get([spec.id, instanceId, 5700]);
      if (typeof v !== 'number') return;
      const next = round(Math.min(spec.max, Math.max(spec.min, v + (Math.random() - 0.5) * 2 * spec.step)));
      dev.set([spec.id, instanceId, 5700], next);
      const lo = dev.get([spec.id, instanceId, 5601]);
      const hi = dev.get([spec.id, instanceId, 5602]);
      if (typeof lo !== 'number' || next < lo) dev.set([spec.id, instanceId, 5601], next);
      if (typeof hi !== 'number' || next > hi) dev.set([spec.id, instanceId, 5602], next);
    },
  };
}
