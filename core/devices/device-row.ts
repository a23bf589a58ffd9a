// A device as stored, and as the API shows it (without the internal id).
import { devices } from '../db/schema.js';
import type { Device } from '../contract/api.js';

export type DeviceRow = typeof devices.$inferSelect;
export const toDevice = ({ id: _, ...d }: DeviceRow): Device => d;
