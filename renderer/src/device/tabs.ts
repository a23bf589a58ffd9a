// The tabs of the device page, one folder per capability, in the order they are shown.
import type { ComponentType } from 'react';
import type { Device, User } from '../../../core/contract/api.js';
import { OverviewTab } from './overview/OverviewTab.js';
import { SnapsTab } from './snaps/SnapsTab.js';
import { TelemetryTab } from './telemetry/TelemetryTab.js';
import { EventsTab } from './events/EventsTab.js';
import { MessagesTab } from './messages/MessagesTab.js';
import { OperationsTab } from './operations/OperationsTab.js';

/** device: null while it is still loading (the tab starts with the page, not after the device) */
export interface DeviceTabProps { uid: string; device: Device | null; me: User; now: number }
export interface DeviceTab { id: string; label: string; component: ComponentType<DeviceTabProps> }

export const deviceTabs: DeviceTab[] = [
  { id: 'overview', label: 'Overview', component: OverviewTab },
  { id: 'snaps', label: 'Snaps', component: SnapsTab },
  { id: 'operations', label: 'Operations', component: OperationsTab },
  { id: 'telemetry', label: 'Telemetry', component: TelemetryTab },
  { id: 'events', label: 'Events', component: EventsTab },
  { id: 'messages', label: 'Messages', component: MessagesTab },
];

/** Shown when the URL names no tab: the chart is what most visits come for. */
export const defaultTabId = 'telemetry';
