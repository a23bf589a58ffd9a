// The tabs of the device page, one folder per capability, in the order they are shown.
// Telemetry (the default) is in the device page's own chunk; every other tab is a chunk of its own,
// fetched when it is first opened, so the page and its first chart do not wait for code they do
// not show.
import type { ComponentType } from 'react';
import type { Device, User } from '../../../core/contract/api.js';
import { lazyNamed } from '../lazy-named.js';
import { TelemetryTab } from './telemetry/TelemetryTab.js';

/** device: null while it is still loading (the tab starts with the page, not after the device) */
export interface DeviceTabProps { uid: string; device: Device | null; me: User; now: number }
export interface DeviceTab {
  id: string; label: string; component: ComponentType<DeviceTabProps>;
  /** a tab for some devices only (LwM2M for LwM2M devices); absent: every device. Hidden while the device loads. */
  shownFor?: (device: Device) => boolean;
}

const lazyTab = (load: () => Promise<ComponentType<DeviceTabProps>>) => lazyNamed(load).Component;

export const deviceTabs: DeviceTab[] = [
  { id: 'overview', label: 'Overview', component: lazyTab(() => import('./overview/OverviewTab.js').then((m) => m.OverviewTab)) },
  { id: 'lwm2m', label: 'LwM2M', component: lazyTab(() => import('./lwm2m/Lwm2mTab.js').then((m) => m.Lwm2mTab)), shownFor: (d) => d.dialect === 'lwm2m' },
  // snaps are managed through the Outpost agent over MQTT: an LwM2M device has none
  { id: 'snaps', label: 'Snaps', component: lazyTab(() => import('./snaps/SnapsTab.js').then((m) => m.SnapsTab)), shownFor: (d) => d.dialect !== 'lwm2m' },
  { id: 'operations', label: 'Operations', component: lazyTab(() => import('./operations/OperationsTab.js').then((m) => m.OperationsTab)) },
  { id: 'telemetry', label: 'Telemetry', component: TelemetryTab },
  { id: 'events', label: 'Events', component: lazyTab(() => import('./events/EventsTab.js').then((m) => m.EventsTab)) },
  { id: 'messages', label: 'Messages', component: lazyTab(() => import('./messages/MessagesTab.js').then((m) => m.MessagesTab)) },
];

/** Shown when the URL names no tab: the chart is what most visits come for. */
export const defaultTabId = 'telemetry';

/** The tabs this device has; while it loads (null), only the tabs every device has. */
export function tabsFor(device: Device | null): DeviceTab[] {
  return deviceTabs.filter((t) => !t.shownFor || (device !== null && t.shownFor(device)));
}
