// POST /api/devices/bulk: the role check for deletes, the change, and what follows a delete.
import type { BulkDevicesRequest, BulkDevicesResponse, User } from '../contract/api.js';
import { DomainError } from '../errors.js';
import type { ApiServices } from './context.js';
import { afterDeviceRemoved } from './device-removal.js';

const AUDIT_ACTION = { tag: 'devices-tagged', untag: 'devices-untagged', delete: 'devices-deleted' } as const;

export function bulkDevices(s: ApiServices, body: BulkDevicesRequest, user: User | undefined, source: string): BulkDevicesResponse {
  // the route needs an operator; deleting needs what the single delete needs
  if (body.action === 'delete' && user?.role !== 'admin') {
    throw new DomainError('forbidden', `Deleting devices needs the admin role, you are ${user?.role ?? 'not logged in'}`);
  }
  const { deleted, ...outcome } = s.devices.bulk(body);
  // as the single delete does: end their connections, forget their presence and cached series ids
  for (const row of deleted) afterDeviceRemoved(s, row);
  if (outcome.changed.length) {
    s.audit.record(user?.username ?? 'anonymous', AUDIT_ACTION[body.action], `devices:${outcome.changed.length}`, {
      ...(body.action === 'delete' ? {} : { tag: body.tag }),
      uids: outcome.changed,
    }, source);
  }
  return outcome;
}
