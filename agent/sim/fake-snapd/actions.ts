// What the fake snapd does with a snap action: check it as snapd would (answering with snapd's error
// kinds and words), then plan the change's tasks and its effect on the installed snaps.
import { goTime } from './changes.js';
import { fullChannel, type InstalledSnap, type StoreSnap } from './catalog.js';
import {
  disableTasks,
  enableTasks,
  installTasks,
  refreshTasks,
  removeTasks,
  revertTasks,
  switchTasks,
  type TaskPlan,
} from './task-plans.js';

export interface SnapdFailure {
  statusCode: number;
  message: string;
  kind?: string;
  value?: unknown;
}

export interface ChangePlan {
  kind: string;
  summary: string;
  snapNames: string[];
  tasks: TaskPlan[];
  effect: () => void;
}

export interface World {
  store: StoreSnap[];
  installed: InstalledSnap[];
  now: () => number;
}

export interface SnapInstruction {
  action?: unknown;
  channel?: unknown;
  revision?: unknown;
  classic?: unknown;
  purge?: unknown;
  snaps?: unknown;
}

const notInstalled = (name: string): SnapdFailure => ({ statusCode: 400, message: `snap "${name}" is not installed`, kind: 'snap-not-installed', value: name });
const noUpdate = (name: string): SnapdFailure => ({ statusCode: 400, message: `snap "${name}" has no updates available`, kind: 'snap-no-update-available' });
const notFound = (name: string): SnapdFailure => ({ statusCode: 404, message: 'snap not found', kind: 'snap-not-found', value: name });
const badRequest = (message: string): SnapdFailure => ({ statusCode: 400, message });

function channelNotAvailable(store: StoreSnap, action: string, channel: string): SnapdFailure {
  return {
    statusCode: 404,
    message: 'no snap revision on specified channel',
    kind: 'snap-channel-not-available',
    value: {
      'snap-name': store.name,
      action,
      channel,
      architecture: 'amd64',
      releases: Object.keys(store.channels).map((c) => ({ architecture: 'amd64', channel: c })),
    },
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

const nowIso = (world: World): string => goTime(world.now());

/** A plan, or the error snapd answers the POST with. */
export function planSnapAction(world: World, name: string, body: SnapInstruction): ChangePlan | SnapdFailure {
  const action = body.action;
  if (typeof action !== 'string' || action === '') return badRequest('unknown action ');
  const installed = world.installed.find((s) => s.name === name);
  const store = world.store.find((s) => s.name === name);
  const channel = str(body.channel);
  const revision = str(body.revision);
  switch (action) {
    case 'install': {
      if (installed) return { statusCode: 400, message: `snap "${name}" is already installed`, kind: 'snap-already-installed', value: { snaps: [name] } };
      if (!store) return notFound(name);
      if (store.confinement === 'classic' && body.classic !== true) {
        return { statusCode: 400, message: `snap "${name}" requires classic confinement`, kind: 'snap-needs-classic', value: name };
      }
      const wanted = fullChannel(channel ?? 'stable');
      const entry = revision
        ? Object.entries(store.channels).find(([, r]) => r.revision === revision)
        : ([wanted, store.channels[wanted]] as const);
      if (!entry || !entry[1]) {
        if (revision) return { statusCode: 404, message: 'no snap revision available as specified', kind: 'snap-revision-not-available', value: name };
        return channelNotAvailable(store, 'install', wanted);
      }
      const [fromChannel, release] = entry;
      return {
        kind: 'install-snap',
        summary: `Install "${name}" snap`,
        snapNames: [name],
        tasks: installTasks(name, release.revision, fromChannel, release.size),
        effect: () => {
          world.installed.push({
            name, id: store.id, summary: store.summary, description: store.description, publisher: store.publisher, type: store.type,
            confinement: store.confinement, ...(store.base ? { base: store.base } : {}), ...(store.contact ? { contact: store.contact } : {}),
            apps: store.apps, current: { ...release, channel: fromChannel }, previous: [], trackingChannel: revision ? wanted : fromChannel,
            installDate: nowIso(world), enabled: true, devmode: false, inactive: [],
          });
        },
      };
    }
    case 'remove': {
      if (!installed) return notInstalled(name);
      return {
        kind: 'remove-snap',
        summary: `Remove "${name}" snap`,
        snapNames: [name],
        tasks: removeTasks(name, installed.current.revision),
        effect: () => {
          world.installed = world.installed.filter((s) => s !== installed);
        },
      };
    }
    case 'refresh': {
      if (!installed) return notInstalled(name);
      if (!store || !installed.trackingChannel) return { statusCode: 400, message: `local snap "${name}" is unknown to the store`, kind: 'snap-local', value: name };
      const tracking = fullChannel(channel ?? installed.trackingChannel);
      const release = store.channels[tracking];
      if (!release) return channelNotAvailable(store, 'refresh', tracking);
      if (release.revision === installed.current.revision && tracking === installed.trackingChannel) return noUpdate(name);
      return refreshPlan(world, installed, tracking, release, channel ? `Refresh "${name}" snap from "${tracking}" channel` : `Refresh "${name}" snap`);
    }
    case 'revert': {
      if (!installed) return notInstalled(name);
      const target = revision ? installed.previous.find((r) => r.revision === revision) : installed.previous.at(-1);
      if (!target) {
        return badRequest(revision ? `cannot find revision ${revision} for snap "${name}"` : `cannot revert "${name}": no revision to revert to`);
      }
      return {
        kind: 'revert-snap',
        summary: revision ? `Revert "${name}" snap to revision ${revision}` : `Revert "${name}" snap`,
        snapNames: [name],
        tasks: revertTasks(name, target.revision),
        effect: () => {
          installed.previous = [...installed.previous.filter((r) => r !== target), installed.current];
          installed.current = target;
        },
      };
    }
    case 'enable': {
      if (!installed) return notInstalled(name);
      if (installed.enabled) return badRequest(`snap "${name}" already enabled`);
      return {
        kind: 'enable-snap', summary: `Enable "${name}" snap`, snapNames: [name], tasks: enableTasks(name, installed.current.revision),
        effect: () => {
          installed.enabled = true;
          installed.inactive = [];
        },
      };
    }
    case 'disable': {
      if (!installed) return notInstalled(name);
      if (!installed.enabled) return badRequest(`snap "${name}" already disabled`);
      return {
        kind: 'disable-snap', summary: `Disable "${name}" snap`, snapNames: [name], tasks: disableTasks(name, installed.current.revision),
        effect: () => {
          installed.enabled = false;
        },
      };
    }
    case 'switch': {
      if (!installed) return notInstalled(name);
      if (!channel) return badRequest('switch with no channel');
      const to = fullChannel(channel);
      if (!store || !installed.trackingChannel) return { statusCode: 400, message: `local snap "${name}" is unknown to the store`, kind: 'snap-local', value: name };
      return {
        kind: 'switch-snap', summary: `Switch "${name}" snap to ${to}`, snapNames: [name], tasks: switchTasks(name, installed.trackingChannel, to),
        effect: () => {
          installed.trackingChannel = to;
        },
      };
    }
    default:
      return badRequest(`unknown action ${action}`);
  }
}

function refreshPlan(world: World, installed: InstalledSnap, tracking: string, release: { revision: string; version: string; size: number }, summary: string): ChangePlan {
  return {
    kind: 'refresh-snap',
    summary,
    snapNames: [installed.name],
    tasks: refreshTasks(installed.name, release.revision, tracking, release.size),
    effect: () => applyRefresh(world, installed, tracking, release),
  };
}

function applyRefresh(world: World, installed: InstalledSnap, tracking: string, release: { revision: string; version: string; size: number }): void {
  // snapd keeps two revisions by default (refresh.retain=2): the new one and the one before
  installed.previous = [...installed.previous, installed.current].slice(-1);
  installed.current = { ...release, channel: tracking };
  installed.trackingChannel = tracking;
  installed.installDate = nowIso(world);
}

/** POST /v2/snaps {"action":"refresh"[, "snaps": [...]]}: every store snap with something newer. */
export function planRefreshMany(world: World, body: SnapInstruction): ChangePlan | SnapdFailure {
  if (body.action !== 'refresh') return badRequest(`unsupported multi-snap operation "${String(body.action)}"`);
  const only = Array.isArray(body.snaps) ? body.snaps.filter((s): s is string => typeof s === 'string') : undefined;
  const due = world.installed.flatMap((s) => {
    if (only && !only.includes(s.name)) return [];
    const store = world.store.find((x) => x.name === s.name);
    const release = s.trackingChannel ? store?.channels[s.trackingChannel] : undefined;
    return release && release.revision !== s.current.revision ? [{ snap: s, release, tracking: s.trackingChannel! }] : [];
  });
  if (due.length === 0) return { kind: 'refresh-snap', summary: 'Refresh all snaps: no updates', snapNames: [], tasks: [], effect: () => {} };
  const names = due.map((d) => d.snap.name);
  return {
    kind: 'refresh-snap',
    summary: names.length === 1 ? `Refresh snap "${names[0]}"` : `Refresh snaps ${names.map((n) => `"${n}"`).join(', ')}`,
    snapNames: names,
    tasks: due.flatMap((d) => refreshTasks(d.snap.name, d.release.revision, d.tracking, d.release.size)),
    effect: () => {
      for (const d of due) applyRefresh(world, d.snap, d.tracking, d.release);
    },
  };
}
