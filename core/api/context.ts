import type { Context } from 'hono';
import type { User } from '../contract/api.js';
import type { UserStore } from '../auth/users.js';
import type { SessionStore } from '../auth/sessions.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { DeviceStore } from '../devices/devices.js';
import type { Presence } from '../devices/presence.js';
import type { TelemetryQuery } from '../telemetry/query.js';
import type { TelemetryWriter } from '../telemetry/writer.js';
import type { AuditLog } from '../audit/audit.js';
import type { SettingsStore } from '../settings/settings.js';
import type { LiveBus } from '../live/bus.js';
import type { Logger } from '../log.js';
import type { DeviceMessages } from '../mqtt/message-tap.js';
import type { Operations } from '../operations/queue.js';
import type { InventoryStore } from '../devices/inventory.js';
import type { Lwm2mRegistrations } from '../lwm2m/registration/registrations.js';
import type { Lwm2mDeviceObjects } from '../contract/lwm2m-objects.js';

/** The broker's side of the device message explorer (core/mqtt/message-tap.ts). */
/** What the HTTP API needs from the rest of core. */
export interface ApiServices {
  users: UserStore;
  sessions: SessionStore;
  loginThrottle: LoginThrottle;
  devices: DeviceStore;
  presence: Presence;
  telemetryQuery: TelemetryQuery;
  telemetry: TelemetryWriter;
  audit: AuditLog;
  settings: SettingsStore;
  bus: LiveBus;
  log: Logger;
  /** Where devices reach the MQTT broker, for the credentials shown to the user. */
  mqttEndpoint(): { host: string; port: number };
  /** `why` becomes the device's offline reason, e.g. "a new token was issued" */
  disconnectDevice(uid: string, why: string): void;
  running(): {
    httpPort: number; mqttPort: number | null; mqttError: string | null; warnings: string[];
    httpPortFromFlag: boolean; mqttPortFromFlag: boolean;
    coapPort: number | null; coapError: string | null; coapPortFromFlag: boolean;
    lwm2mModelProblems: string[];
  };
  /** The LwM2M server's registrations; undefined while it is not running. */
  lwm2mRegistrations(): Lwm2mRegistrations | undefined;
  /** An LwM2M device's objects view; undefined while the LwM2M server is not running. */
  lwm2mObjects(uid: string): Lwm2mDeviceObjects | undefined;
  /** An approved device: the protocol adapters may reach it now (its queued operations go out). */
  deviceApproved(uid: string): void;
  /** A deleted or rejected device: the protocol adapters forget it. */
  deviceRemoved(uid: string): void;
  /** Lets running servers apply settings that take effect at once (e.g. anonymous access turned off). */
  settingsChanged(): void | Promise<void>;
  operations: Operations;
  inventory: InventoryStore;
  /** The message explorer's broker side; undefined while the broker is not running. */
  deviceMessages(): DeviceMessages | undefined;
}

// readBody: set by bodyLimit (body-limit.ts) when the request has a body; reads it at most once, limited
export type Env = { Variables: { user: User | undefined; readBody?: () => Promise<string> } };
export type Ctx = Context<Env>;

export const SESSION_COOKIE = 'outpost_session';
