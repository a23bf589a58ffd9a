// What Outpost can ask a device to do: the operation kinds with their argument schemas, shared by
// core (validation), the renderer (forms) and the device agent (execution). Pure zod, no Node code.
import { z } from 'zod';
import { LWM2M_KIND_LABEL, lwm2mOperationArgs } from './lwm2m-operations.js';

const SnapName = z.string().trim().min(1).max(40).regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and - only');
// risk levels alone (stable) or track/risk[/branch] (latest/edge, 22/stable/fix-1)
const Channel = z.string().trim().min(1).max(128).regex(/^[A-Za-z0-9._/-]+$/, 'a channel such as stable or latest/edge');
const Revision = z.string().trim().regex(/^x?[0-9]{1,10}$/, 'a revision such as 29 (or x1 for a sideloaded one)');

export const operationArgs = {
  'snap.install': z.object({ name: SnapName, channel: Channel.optional(), revision: Revision.optional(), classic: z.boolean().optional() })
    .refine((a) => !(a.channel && a.revision), 'give a channel or a revision, not both'),
  'snap.remove': z.object({ name: SnapName, purge: z.boolean().optional() }),
  // no name: refresh every snap
  'snap.refresh': z.object({ name: SnapName.optional(), channel: Channel.optional() })
    .refine((a) => a.name !== undefined || a.channel === undefined, 'a channel needs a snap name'),
  'snap.revert': z.object({ name: SnapName, revision: Revision.optional() }),
  'snap.enable': z.object({ name: SnapName }),
  'snap.disable': z.object({ name: SnapName }),
  'snap.switch': z.object({ name: SnapName, channel: Channel }),
  'inventory.refresh': z.object({}),
  'system.reboot': z.object({}),
  ...lwm2mOperationArgs,
} as const;

export type KnownOperationKind = keyof typeof operationArgs;
export const knownOperationKinds = Object.keys(operationArgs) as KnownOperationKind[];
export type OperationArgsOf<K extends KnownOperationKind> = z.infer<(typeof operationArgs)[K]>;

/** Any kind a device may understand: known kinds are checked against their schema, others carry free JSON args. */
export const OperationKind = z.string().trim().min(1).max(64).regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/, 'dotted lower-case words, e.g. snap.install');

export function isKnownKind(kind: string): kind is KnownOperationKind {
  return Object.hasOwn(operationArgs, kind);
}

/**
 * Kinds that may run beside another operation of the same device (they change nothing). No LwM2M
 * kind: CoAP allows one outstanding request per peer (RFC 7252 §4.7, NSTART = 1), a sleeping
 * device's queue empties in the short window after its Update either way, and in order a Read
 * after a Write reads what was written.
 */
export const PARALLEL_SAFE_KINDS: readonly string[] = ['inventory.refresh'];

export const KIND_LABEL: Record<KnownOperationKind, string> = {
  'snap.install': 'Install snap',
  'snap.remove': 'Remove snap',
  'snap.refresh': 'Refresh snap',
  'snap.revert': 'Revert snap',
  'snap.enable': 'Enable snap',
  'snap.disable': 'Disable snap',
  'snap.switch': 'Switch channel',
  'inventory.refresh': 'Refresh inventory',
  'system.reboot': 'Reboot',
  ...LWM2M_KIND_LABEL,
};
