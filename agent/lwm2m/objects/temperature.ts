// Object 3303, IPSO Temperature, in °C ("Cel" as SenML writes it).
import { ipsoSensor } from './ipso-sensor.js';

export const temperature = ipsoSensor({ id: 3303, name: 'Temperature', units: 'Cel', start: 21.5, min: -40, max: 85, step: 0.3 });
