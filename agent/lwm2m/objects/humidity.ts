// Object 3304, IPSO Humidity, in %RH.
import { ipsoSensor } from './ipso-sensor.js';

export const humidity = ipsoSensor({ id: 3304, name: 'Humidity', units: '%RH', start: 45, min: 0, max: 100, step: 1 });
