// What follows a device's rows leaving the database (a delete, a bulk delete, a rejected LwM2M
// device): its connections end, and presence, the telemetry writer and the LwM2M server forget it.
import type { ApiServices } from './context.js';

export function afterDeviceRemoved(s: ApiServices, device: { id: number; uid: string }): void {
  s.disconnectDevice(device.uid, 'disconnected by Outpost: the device was deleted');
  s.presence.forget(device.uid);
  s.telemetry.forgetDevice(device.id);
  s.deviceRemoved(device.uid);
}
