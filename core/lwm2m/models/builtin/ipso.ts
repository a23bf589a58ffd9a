// Common IPSO smart objects (3303 Temperature ... 3347 Push button). IPSO objects reuse resource
// ids across objects (5700 is always "Sensor Value"), so the shared ones are written once here.
// All are multi-instance, optional, defined for LwM2M 1.0.
import { res, versions } from '../define.js';
import type { FirstVersion } from '../define.js';
import type { ObjectModel, ResourceModel } from '../types.js';

const sensorValue = res(5700, 'Sensor Value', 'R', 'float', 'M');
const sensorUnits = res(5701, 'Sensor Units', 'R', 'string');
const minMeasured = res(5601, 'Min Measured Value', 'R', 'float');
const maxMeasured = res(5602, 'Max Measured Value', 'R', 'float');
const minRange = res(5603, 'Min Range Value', 'R', 'float');
const maxRange = res(5604, 'Max Range Value', 'R', 'float');
const resetMinMax = res(5605, 'Reset Min and Max Measured Values', 'E', 'none');
const applicationType = res(5750, 'Application Type', 'RW', 'string');
const timestamp = res(5518, 'Timestamp', 'R', 'time');
const fractionalTimestamp = res(6050, 'Fractional Timestamp', 'R', 'float', '', { units: 's', range: '0..1' });
const qualityIndicator = res(6042, 'Measurement Quality Indicator', 'R', 'integer', '', { range: '0..23' });
const qualityLevel = res(6049, 'Measurement Quality Level', 'R', 'integer', '', { range: '0..100' });

/** The 1.1 revision of the IPSO sensors added time stamping and measurement quality. */
const timeAndQuality = [timestamp, fractionalTimestamp, qualityIndicator, qualityLevel];

/** A plain IPSO sensor (one value, min/max tracking, reset). */
const basicSensor = [sensorValue, sensorUnits, minMeasured, maxMeasured, minRange, maxRange, resetMinMax];

function ipso(id: number, name: string, resources: readonly ResourceModel[]): FirstVersion {
  return { id, name, version: '1.0', lwm2mVersion: '1.0', multiple: true, mandatory: false, resources };
}

export const ipsoObjects: ObjectModel[] = [
  ...versions(ipso(3303, 'Temperature', basicSensor), {
    version: '1.1',
    set: [applicationType, ...timeAndQuality],
  }),
  ...versions(ipso(3304, 'Humidity', basicSensor), {
    version: '1.1',
    set: [applicationType, ...timeAndQuality],
  }),
  ...versions(
    ipso(3311, 'Light Control', [
      res(5850, 'On/Off', 'RW', 'boolean', 'M'),
      res(5851, 'Dimmer', 'RW', 'integer', '', { units: '/100', range: '0..100' }),
      res(5852, 'On time', 'RW', 'integer', '', { units: 's' }),
      res(5805, 'Cumulative active power', 'R', 'float', '', { units: 'Wh' }),
      res(5820, 'Power factor', 'R', 'float'),
      res(5706, 'Colour', 'RW', 'string'),
      sensorUnits,
      applicationType,
    ]),
  ),
  ...versions(
    ipso(3313, 'Accelerometer', [
      res(5702, 'X Value', 'R', 'float', 'M'),
      res(5703, 'Y Value', 'R', 'float'),
      res(5704, 'Z Value', 'R', 'float'),
      sensorUnits,
      minRange,
      maxRange,
    ]),
    { version: '1.1', set: [applicationType, ...timeAndQuality] },
  ),
  ...versions(ipso(3315, 'Barometer', basicSensor), {
    version: '1.1',
    set: [applicationType, ...timeAndQuality],
  }),
  ...versions(
    ipso(3323, 'Pressure', [...basicSensor, res(5821, 'Current Calibration', 'RW', 'float'), applicationType]),
    { version: '1.1', set: timeAndQuality },
  ),
  // 2.0 replaced the string coordinates with numeric ones (new ids, so not a compatible change).
  ...versions(
    ipso(3336, 'Location', [
      res(5514, 'Latitude', 'R', 'string', 'M'),
      res(5515, 'Longitude', 'R', 'string', 'M'),
      res(5516, 'Uncertainty', 'R', 'string'),
      res(5705, 'Compass Direction', 'R', 'float', '', { units: 'deg', range: '0..360' }),
      res(5517, 'Velocity', 'R', 'opaque'),
      timestamp,
      applicationType,
    ]),
    { version: '1.1', set: [fractionalTimestamp, qualityIndicator, qualityLevel] },
    {
      version: '2.0',
      set: [
        res(6051, 'Numeric Latitude', 'R', 'float', 'M', { units: 'lat' }),
        res(6052, 'Numeric Longitude', 'R', 'float', 'M', { units: 'lon' }),
        res(6053, 'Numeric Uncertainty', 'R', 'float', '', { units: 'm' }),
      ],
      drop: [5514, 5515, 5516],
    },
  ),
  ...versions(
    ipso(3347, 'Push button', [
      res(5500, 'Digital Input State', 'R', 'boolean', 'M'),
      res(5501, 'Digital Input Counter', 'R', 'integer'),
      applicationType,
    ]),
    { version: '1.1', set: [timestamp, fractionalTimestamp] },
  ),
];
