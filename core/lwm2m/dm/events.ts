// Device logs → device events. LwM2M has one standard log object: 20 Event Log (OMA registry),
// whose LogData (4014, read) and LogDataIncremental (4016, only ever in a Send) carry the log as
// opaque bytes. Those count as logs by default; so does any resource the user marks (`logPaths`,
// e.g. a vendor's string resource such as '/10259/0/1' or a whole object '/10259'). Text logs become
// one event per line; bytes that are not UTF-8 become one event that says so, with the bytes in base64.
import { formatPath, senmlTimeMs, type Lwm2mRecord } from '../../codecs/lwm2m/index.js';
import { parsePath } from '../models/path.js';
import { plainValue } from './plain-values.js';

export const EVENT_LOG_OBJECT = 20;
export const LOG_RESOURCES: readonly number[] = [4014, 4016];
const MAX_MESSAGE = 2000;

export interface DeviceLogEvent {
  /** the device-events kind: 'device', the device's own messages */
  kind: 'device';
  message: string;
  /** for the event's data: where it came from and when the device logged it (ms) */
  data: { path: string; ts: number; base64?: string };
}

export interface LogOptions {
  /** more paths (object, instance, resource or resource instance) whose values are logs */
  logPaths?: readonly string[];
}

export function isLogPath(path: readonly number[], options: LogOptions = {}): boolean {
  if (path[0] === EVENT_LOG_OBJECT && LOG_RESOURCES.includes(path[2]!)) return true;
  return (options.logPaths ?? []).some((p) => {
    const prefix = parsePath(p);
    return prefix !== undefined && prefix.length <= path.length && prefix.every((id, i) => path[i] === id);
  });
}

export function eventsFromRecords(records: readonly Lwm2mRecord[], receivedAt: number, options: LogOptions = {}): DeviceLogEvent[] {
  const events: DeviceLogEvent[] = [];
  for (const r of records) {
    if (!isLogPath(r.path, options)) continue;
    const path = formatPath(r.path);
    const ts = senmlTimeMs(r.time, receivedAt);
    let text: string;
    if (r.value instanceof Uint8Array) {
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(r.value);
      } catch {
        events.push({ kind: 'device', message: `${path}: ${r.value.length} bytes of binary log data`, data: { path, ts, base64: Buffer.from(r.value).toString('base64') } });
        continue;
      }
    } else text = String(plainValue(r.value));
    for (const line of text.split(/\r?\n/)) {
      const trimmed = line.trimEnd();
      if (trimmed === '') continue;
      const message = trimmed.length > MAX_MESSAGE ? `${trimmed.slice(0, MAX_MESSAGE)}…` : trimmed;
      events.push({ kind: 'device', message, data: { path, ts } });
    }
  }
  return events;
}
