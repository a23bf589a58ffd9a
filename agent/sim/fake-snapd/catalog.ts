// The fake snapd's world, built in code (product code never reads ../shared): a small store and
// the snaps a typical Ubuntu IoT device has installed, with the fields a real snapd 2.66 reports
// (shaped like ../shared/snapd-fixtures/spec/snaps.json). Values are invented but realistic.

export interface Publisher {
  id: string;
  username: string;
  'display-name': string;
  validation: 'verified' | 'starred' | 'unproven';
}

export interface AppDef {
  name: string;
  /** present for services */
  daemon?: 'simple' | 'forking' | 'oneshot' | 'notify';
}

export interface StoreRelease {
  revision: string;
  version: string;
  size: number;
}

export interface StoreSnap {
  id: string;
  name: string;
  summary: string;
  description: string;
  publisher: Publisher;
  type: 'app' | 'base' | 'snapd' | 'os' | 'kernel' | 'gadget';
  confinement: 'strict' | 'classic' | 'devmode';
  base?: string;
  contact?: string;
  apps: AppDef[];
  /** by full channel name (track/risk), e.g. latest/stable */
  channels: Record<string, StoreRelease>;
}

/** One revision on disk: the current one, or an older one kept for revert. */
export interface InstalledRevision extends StoreRelease {
  /** the channel it came from ('' when sideloaded) */
  channel: string;
}

export interface InstalledSnap {
  name: string;
  /** '' for a sideloaded snap, as snapd reports it */
  id: string;
  summary: string;
  description: string;
  publisher?: Publisher;
  type: StoreSnap['type'];
  confinement: StoreSnap['confinement'];
  base?: string;
  contact?: string;
  apps: AppDef[];
  current: InstalledRevision;
  /** older revisions still on disk, oldest first (what revert can go back to) */
  previous: InstalledRevision[];
  /** undefined when sideloaded (no store channel to track) */
  trackingChannel?: string;
  installDate: string;
  enabled: boolean;
  devmode: boolean;
  /** services of this snap that are running (stopped by disable, or by a test) */
  inactive: string[];
}

const canonical: Publisher = { id: 'canonical', username: 'canonical', 'display-name': 'Canonical', validation: 'verified' };
const mosquittoPublisher: Publisher = { id: 'mosquitto-publisher-id', username: 'mosquitto', 'display-name': 'Mosquitto Project', validation: 'verified' };
const vscode: Publisher = { id: 'vscode-publisher-id', username: 'vscode', 'display-name': 'Visual Studio Code', validation: 'verified' };

export function defaultStore(): StoreSnap[] {
  return [
    {
      id: 'buPKUD3TKqCOgLEjjHx5kSiCpIs5cMuQ', name: 'hello-world', summary: "The 'hello-world' of snaps",
      description: 'This is a simple hello world example.', publisher: canonical, type: 'app', confinement: 'strict',
      apps: [{ name: 'env' }, { name: 'evil' }, { name: 'hello-world' }, { name: 'sh' }],
      channels: {
        'latest/stable': { revision: '29', version: '6.4', size: 20480 },
        'latest/candidate': { revision: '30', version: '6.5', size: 20480 },
        'latest/edge': { revision: '31', version: '6.5+git2', size: 20480 },
      },
    },
    {
      id: 'mVyGrEwiqSi5PugCwyH7WgpoQLemtTd6', name: 'hello', summary: 'GNU Hello, the "hello world" snap',
      description: 'GNU hello prints a friendly greeting.', publisher: canonical, type: 'app', confinement: 'strict', base: 'core22',
      apps: [{ name: 'hello' }, { name: 'universe' }],
      channels: {
        'latest/stable': { revision: '42', version: '2.10', size: 65536 },
        'latest/beta': { revision: '44', version: '2.12', size: 69632 },
      },
    },
    {
      id: 'Ht5VqTVKTXjAcnIVcJp6RhN8lYOYJgdT', name: 'mosquitto', summary: 'Eclipse Mosquitto MQTT broker',
      description: 'Eclipse Mosquitto MQTT broker', publisher: mosquittoPublisher, type: 'app', confinement: 'strict', base: 'core22',
      apps: [{ name: 'mosquitto', daemon: 'simple' }],
      channels: { 'latest/stable': { revision: '1241', version: '2.0.20', size: 3125248 } },
    },
    {
      id: 'Ktw8dlZ3k4ZeGQyc7S0tvVZgqpS4Mwva', name: 'code', summary: 'Code editing. Redefined.',
      description: 'Visual Studio Code is a new choice of tool that combines the simplicity of a code editor with what developers need.',
      publisher: vscode, type: 'app', confinement: 'classic', apps: [{ name: 'code' }],
      channels: { 'latest/stable': { revision: '176', version: '1.95.3', size: 339738624 } },
    },
    {
      id: 'amcUKQILKXHHTlmSa7NMdnXSx02dNeeT', name: 'core22', summary: 'Runtime environment based on Ubuntu 22.04',
      description: 'Runtime environment based on Ubuntu 22.04', publisher: canonical, type: 'base', confinement: 'strict',
      contact: 'https://github.com/snapcore/core-base/issues', apps: [],
      channels: { 'latest/stable': { revision: '1663', version: '20241001', size: 77713408 } },
    },
    {
      id: 'dwTAh7MZZ01zyriOZErqd1JynQLiOGvM', name: 'core24', summary: 'Runtime environment based on Ubuntu 24.04',
      description: 'Runtime environment based on Ubuntu 24.04', publisher: canonical, type: 'base', confinement: 'strict',
      contact: 'https://github.com/snapcore/core-base/issues', apps: [],
      channels: { 'latest/stable': { revision: '609', version: '20241119', size: 70254592 } },
    },
    {
      id: 'PMrrV4ml8uWuEUDBT8dSGnKUYbevVhc4', name: 'snapd', summary: 'Daemon and tooling that enable snap packages',
      description: 'Daemon and tooling that enable snap packages', publisher: canonical, type: 'snapd', confinement: 'strict',
      contact: 'https://github.com/snapcore/snapd/issues', apps: [],
      channels: { 'latest/stable': { revision: '23258', version: '2.66.1', size: 40296448 } },
    },
  ];
}

function fromStore(store: StoreSnap[], name: string, rev: InstalledRevision, installDate: string, previous: InstalledRevision[] = []): InstalledSnap {
  const s = store.find((x) => x.name === name);
  if (!s) throw new Error(`fake snapd catalogue: ${name} is not in the store`);
  return {
    name: s.name, id: s.id, summary: s.summary, description: s.description, publisher: s.publisher, type: s.type,
    confinement: s.confinement, ...(s.base ? { base: s.base } : {}), ...(s.contact ? { contact: s.contact } : {}), apps: s.apps,
    current: rev, previous, trackingChannel: rev.channel, installDate, enabled: true, devmode: false, inactive: [],
  };
}

/**
 * What the device has at start: core22 and snapd up to date, hello-world one revision behind stable
 * (so refresh and revert have something to do), and two sideloaded snaps (revision x1/x3, no
 * publisher, no channel) with a service each, like a device running its own agent and broker.
 */
export function defaultInstalled(store: StoreSnap[] = defaultStore()): InstalledSnap[] {
  return [
    fromStore(store, 'core22', { revision: '1663', version: '20241001', size: 77713408, channel: 'latest/stable' }, '2026-10-01T08:00:00Z'),
    fromStore(store, 'hello-world', { revision: '28', version: '6.3', size: 20480, channel: 'latest/stable' }, '2026-11-20T14:03:11.123456789Z', [
      { revision: '27', version: '6.2', size: 20480, channel: 'latest/stable' },
    ]),
    fromStore(store, 'snapd', { revision: '23258', version: '2.66.1', size: 40296448, channel: 'latest/stable' }, '2026-10-01T08:00:00Z'),
    sideloaded('mosquitto', 'Eclipse Mosquitto MQTT broker', '2.0.20', 'x1', 3125248, 'core22', 'mosquitto', '2026-11-21T09:30:00Z'),
    sideloaded('outpost-agent', 'Outpost device agent', '0.1.0', 'x3', 41943040, 'core24', 'agent', '2026-11-21T10:00:00Z'),
  ];
}

export function sideloaded(name: string, summary: string, version: string, revision: string, size: number, base: string, service: string, installDate: string): InstalledSnap {
  return {
    name, id: '', summary, description: summary, type: 'app', confinement: 'strict', base, apps: [{ name: service, daemon: 'simple' }],
    current: { revision, version, size, channel: '' }, previous: [], installDate, enabled: true, devmode: false, inactive: [],
  };
}

export interface SnapdUser {
  id: number;
  username: string;
  email: string;
}

export const defaultUsers = (): SnapdUser[] => [{ id: 1, username: 'ops', email: 'ops@example.com' }];

/** /v2/system-info's result for an Ubuntu 24.04 device (field order as snapd writes it). */
export function defaultSystemInfo(): Record<string, unknown> {
  return {
    series: '16',
    version: '2.66.1+24.04',
    'build-id': '4d3c5e9c6f2a1b8e0d7f9a3c2b1e0f9d8c7b6a5e',
    'os-release': { id: 'ubuntu', 'version-id': '24.04' },
    'on-classic': true,
    managed: false,
    'kernel-version': '6.8.0-51-generic',
    locations: { 'snap-mount-dir': '/snap', 'snap-bin-dir': '/snap/bin' },
    refresh: { timer: '00:00~24:00/4', last: '2026-11-22T04:12:31Z', next: '2026-11-22T10:05:00Z' },
    architecture: 'amd64',
    'system-mode': 'run',
    virtualization: 'kvm',
    confinement: 'strict',
    'sandbox-features': {
      apparmor: ['kernel:file', 'kernel:network', 'kernel:policy', 'parser:unsafe', 'policy:default', 'support-level:full'],
      'confinement-options': ['classic', 'devmode', 'strict'],
      dbus: ['mediated-bus-access'],
      kmod: ['mediated-modprobe'],
      mount: ['freezer-cgroup-v1', 'layouts', 'mount-namespace', 'per-snap-persistency', 'per-snap-profiles', 'per-snap-updates', 'per-snap-user-profiles', 'stale-base-invalidation'],
      seccomp: ['bpf-actlog', 'bpf-argument-filtering', 'kernel:allow', 'kernel:errno', 'kernel:kill_process', 'kernel:kill_thread', 'kernel:log', 'kernel:trace', 'kernel:trap', 'kernel:user_notif'],
      udev: ['device-cgroup-v2', 'device-filtering', 'tagging'],
    },
    features: {
      hotplug: { supported: true, enabled: false },
      'refresh-app-awareness': { supported: true, enabled: true },
      'parallel-instances': { supported: true, enabled: false },
    },
    'snapd-bin-from': 'snap',
  };
}

/** "stable" -> "latest/stable"; "22/stable" and "latest/edge/fix" stay. */
export function fullChannel(channel: string): string {
  return channel.includes('/') ? channel : `latest/${channel}`;
}

/** How snapd writes an installed snap in /v2/snaps (client.Snap, omitempty fields left out). */
export function snapJson(s: InstalledSnap): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: s.id, summary: s.summary, description: s.description, 'installed-size': s.current.size, 'install-date': s.installDate, name: s.name,
  };
  if (s.publisher) json.publisher = s.publisher;
  Object.assign(json, {
    developer: s.publisher?.username ?? '',
    status: s.enabled ? 'active' : 'installed',
    type: s.type,
    version: s.current.version,
    channel: s.current.channel,
  });
  if (s.trackingChannel) json['tracking-channel'] = s.trackingChannel;
  Object.assign(json, {
    'ignore-validation': false, revision: s.current.revision, confinement: s.confinement, grade: 'stable', private: false,
    devmode: s.devmode, jailmode: false, 'mounted-from': `/var/lib/snapd/snaps/${s.name}_${s.current.revision}.snap`, contact: s.contact ?? '',
  });
  if (s.contact) json.links = { contact: [s.contact] };
  if (s.base) json.base = s.base;
  if (s.apps.length) json.apps = s.apps.map((a) => appJson(s, a));
  return json;
}

/** An app as /v2/apps and /v2/snaps write it: services carry daemon, enabled, active (omitted when false). */
export function appJson(s: InstalledSnap, a: AppDef): Record<string, unknown> {
  const json: Record<string, unknown> = { snap: s.name, name: a.name };
  if (!a.daemon) return json;
  json.daemon = a.daemon;
  json['daemon-scope'] = 'system';
  if (s.enabled) json.enabled = true;
  if (s.enabled && !s.inactive.includes(a.name)) json.active = true;
  return json;
}
