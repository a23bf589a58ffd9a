// LwM2M devices in the API: the current registration, and approving or rejecting devices that
// registered themselves (Settings: accept new LwM2M devices).
import { DomainError } from '../errors.js';
import type { User } from '../contract/api.js';
import type { ApiServices } from './context.js';
import { afterDeviceRemoved } from './device-removal.js';
import type { Handlers } from './handler-types.js';

export function lwm2mHandlers(s: ApiServices): Pick<Handlers, 'getLwm2mRegistration' | 'getLwm2mObjects' | 'approveDevice' | 'rejectDevice'> {
  const actor = (u: User | undefined) => u?.username ?? 'anonymous';
  const device = (uid: string | undefined) => {
    const d = uid === undefined ? undefined : s.devices.get(uid);
    if (!d) throw new DomainError('not_found', `no device ${uid}`);
    return d;
  };
  return {
    getLwm2mRegistration({ params }) {
      const d = device(params.uid);
      if (d.dialect !== 'lwm2m') throw new DomainError('not_found', `device ${d.uid} is not an LwM2M device`);
      const registrations = s.lwm2mRegistrations();
      if (!registrations) throw new DomainError('not_found', `device ${d.uid} is not registered: the LwM2M server is not running (see Settings)`);
      const r = registrations.get(d.uid);
      if (!r) throw new DomainError('not_found', `device ${d.uid} is not registered (it never registered, de-registered, or its lifetime expired)`);
      return r;
    },
    getLwm2mObjects({ params }) {
      const d = device(params.uid);
      if (d.dialect !== 'lwm2m') throw new DomainError('not_found', `device ${d.uid} is not an LwM2M device`);
      const objects = s.lwm2mObjects(d.uid);
      if (!objects) throw new DomainError('not_found', `device ${d.uid}: the LwM2M server is not running (see Settings)`);
      return objects;
    },
    approveDevice({ params, user, source }) {
      const approved = s.devices.approve(device(params.uid).uid);
      s.audit.record(actor(user), 'device-approved', `device:${approved.uid}`, null, source);
      // what was queued while it waited goes out now, not at its next Update
      s.deviceApproved(approved.uid);
      return approved;
    },
    rejectDevice({ params, user, source }) {
      const d = device(params.uid);
      if (!d.pending) throw new DomainError('conflict', `device ${d.uid} is not waiting for approval (delete it instead)`);
      // its registration goes with it (cascade); if it registers again it is refused, or pending again
      s.devices.remove(d.uid);
      afterDeviceRemoved(s, d);
      s.bus.publish({ type: 'device-deleted', uid: d.uid });
      s.audit.record(actor(user), 'device-rejected', `device:${d.uid}`, null, source);
      return { ok: true as const };
    },
  };
}
