// Object 6 (Location). Device position.
import { res, versions } from '../define.js';

export const location = versions(
  {
    id: 6,
    name: 'Location',
    version: '1.0',
    lwm2mVersion: '1.0',
    multiple: false,
    mandatory: false,
    resources: [
      res(0, 'Latitude', 'R', 'float', 'M', { units: 'lat' }),
      res(1, 'Longitude', 'R', 'float', 'M', { units: 'lon' }),
      res(2, 'Altitude', 'R', 'float', '', { units: 'm' }),
      res(3, 'Radius', 'R', 'float', '', { units: 'm' }),
      res(4, 'Velocity', 'R', 'opaque'),
      res(5, 'Timestamp', 'R', 'time', 'M'),
      res(6, 'Speed', 'R', 'float', '', { units: 'm/s' }),
    ],
  },
);
