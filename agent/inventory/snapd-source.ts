// What the inventory needs from snapd, as an interface so the collector does not know how snapd is
// reached (agent/snapd/ implements it over /run/snapd.socket; tests and simulators pass objects).
// Each call returns the contract's shapes or throws; a throw leaves that part out of the inventory
// with the reason in `missing`.
import type { InventoryService, InventorySnap, InventoryUser, SnapdSystemInfo } from '../../core/contract/inventory.js';

export interface SnapdInventorySource {
  /** GET /v2/system-info */
  systemInfo(): Promise<SnapdSystemInfo>;
  /** GET /v2/snaps */
  snaps(): Promise<InventorySnap[]>;
  /** GET /v2/apps?select=service */
  services(): Promise<InventoryService[]>;
  /** GET /v2/users (snapd answers it only to root) */
  users(): Promise<InventoryUser[]>;
}

/** A snapd failure in plain words for `missing`. */
export function describeSnapdFailure(e: unknown): string {
  const err = e as (Error & { code?: string; kind?: string }) | undefined;
  if (err?.code === 'ENOENT') return 'snapd is not installed or not running (its socket is absent)';
  if (err?.code === 'ECONNREFUSED') return 'snapd is not running (its socket refuses connections)';
  const message = err instanceof Error ? err.message : String(e);
  return err?.kind ? `snapd said: ${message} (${err.kind})` : `snapd could not answer: ${message}`;
}
