// Where the agent looks for its config and keeps its state: fixed paths on a classic system,
// the snap's own writable areas when it runs as a snap.
// $SNAP_DATA is per revision (copied on refresh, restored on revert) - right for configuration.
// $SNAP_COMMON is shared by all revisions - right for the outbox and operation records, which
// must not go back in time when the snap is reverted.
export type Env = Record<string, string | undefined>;

export const defaultConfigPath = (env: Env): string =>
  env.SNAP_DATA ? `${env.SNAP_DATA}/config.json` : '/etc/outpost-agent/config.json';

export const defaultStateDir = (env: Env): string =>
  env.SNAP_COMMON ? `${env.SNAP_COMMON}/state` : '/var/lib/outpost-agent';

export const DEFAULT_PORT = 1883;
export const DEFAULT_SNAPD_SOCKET = '/run/snapd.socket';
