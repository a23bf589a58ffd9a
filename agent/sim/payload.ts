// Telemetry payload generator for simulated devices (pure; see payload.test.ts).
// A message carries `keys` numeric values plus the device timestamp `ts` (ms).

const NAMES = ['temperature', 'humidity', 'pressure', 'battery', 'rssi', 'voltage', 'current', 'co2'];

/** The value names a device with `keys` values per message sends: first the well-known names, then v8, v9, ... */
export function keyNames(keys: number): string[] {
  if (!Number.isInteger(keys) || keys < 1) throw new RangeError(`keys must be a positive integer, got ${keys}`);
  const names: string[] = [];
  for (let i = 0; i < keys; i++) names.push(NAMES[i] ?? `v${i}`);
  return names;
}

/** Telemetry topic of a device in Outpost's own scheme (outpost/v1/{uid}/telemetry). */
export { telemetryTopic } from '../../core/codecs/topics.js';

/**
 * One telemetry message as an object: deterministic values derived from the device index and the
 * message sequence number (so that runs are reproducible), rounded to 2 decimals.
 */
export function telemetryValues(names: readonly string[], device: number, seq: number, ts: number): Record<string, number> {
  const out: Record<string, number> = { ts };
  for (let i = 0; i < names.length; i++) {
    const phase = (seq + device * 7 + i * 13) % 360;
    const base = 20 + i * 10;
    out[names[i]!] = Math.round((base + 5 * Math.sin((phase * Math.PI) / 180)) * 100) / 100;
  }
  return out;
}

/** The JSON payload for one message, as MQTT publishes it. */
export function telemetryPayload(names: readonly string[], device: number, seq: number, ts: number): string {
  return JSON.stringify(telemetryValues(names, device, seq, ts));
}

/** The uid of the i-th simulated device: `sim-00001`, `sim-00002`, ... (sorts in order). */
export function deviceUid(i: number, prefix = 'sim'): string {
  return `${prefix}-${String(i + 1).padStart(5, '0')}`;
}
