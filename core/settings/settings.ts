import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { settings as table } from '../db/schema.js';
import { Settings } from '../contract/api.js';

export const defaultSettings: Settings = {
  mqttPort: 1883,
  httpPort: 8080,
  anonymousMqtt: false,
  anonymousMqttRead: false,
  mqttMaxPacketBytes: 1024 * 1024,
  silenceTimeoutSec: 600,
  retentionDays: 0,
  auditRetentionDays: 365,
  coapPort: 5683,
  acceptNewLwm2mDevices: false,
  lwm2mModelsFolder: '',
};

export interface SettingsStore {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
}

export function createSettingsStore(db: Db): SettingsStore {
  let cache: Settings | undefined;
  const load = (): Settings => {
    const stored: Record<string, unknown> = {};
    for (const row of db.select().from(table).all()) stored[row.key] = row.value;
    // a stored value that no longer validates falls back to its default instead of blocking start
    const merged = { ...defaultSettings, ...stored };
    const parsed = Settings.safeParse(merged);
    return parsed.success ? parsed.data : defaultSettings;
  };
  return {
    get() {
      cache ??= load();
      return cache;
    },
    update(patch) {
      const next = Settings.parse({ ...this.get(), ...patch });
      db.transaction((tx) => {
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined) continue;
          tx.delete(table).where(eq(table.key, key)).run();
          tx.insert(table).values({ key, value }).run();
        }
      });
      cache = next;
      return next;
    },
  };
}
