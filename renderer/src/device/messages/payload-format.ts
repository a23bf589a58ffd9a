// How a message's payload is shown: JSON pretty-printed, raw text, or a hex dump. Pure.
import type { DeviceMessage } from '../../../../core/contract/device-messages.js';

export type PayloadView = 'json' | 'text' | 'hex';
export const payloadViews: Array<{ id: PayloadView; label: string }> = [
  { id: 'json', label: 'JSON' },
  { id: 'text', label: 'Text' },
  { id: 'hex', label: 'Hex' },
];

type Payload = Pick<DeviceMessage, 'payload' | 'encoding'>;

/** The payload's bytes (as far as the stream sent them). */
export function payloadBytes(m: Payload): Uint8Array {
  if (m.encoding === 'text') return new TextEncoder().encode(m.payload);
  const raw = atob(m.payload);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** JSON re-indented, or null when the text is not JSON. */
export function prettyJson(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return null;
  }
}

/** The view a message opens in: JSON when it parses, text when it is text, else hex. */
export function defaultView(m: Payload): PayloadView {
  if (m.encoding === 'base64') return 'hex';
  return prettyJson(m.payload) === null ? 'text' : 'json';
}

const HEX_ROW = 16;
/** Rows of offset, hex bytes and printable ASCII, like `hexdump -C`; `maxBytes` bounds the work. */
export function hexDump(bytes: Uint8Array, maxBytes = 4096): string {
  const rows: string[] = [];
  const shown = Math.min(bytes.length, maxBytes);
  for (let at = 0; at < shown; at += HEX_ROW) {
    const row = bytes.subarray(at, Math.min(at + HEX_ROW, shown));
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    rows.push(`${at.toString(16).padStart(8, '0')}  ${hex.padEnd(HEX_ROW * 3 - 1)}  |${ascii}|`);
  }
  if (bytes.length > shown) rows.push(`… ${bytes.length - shown} more bytes`);
  return rows.join('\n');
}

/**
 * The payload in a view; a view that does not fit (JSON of a non-JSON payload, text of binary
 * bytes) falls back and says so in `note`.
 */
export function formatPayload(m: Payload, view: PayloadView): { text: string; view: PayloadView; note: string | null } {
  if (view === 'hex') return { text: hexDump(payloadBytes(m)), view, note: null };
  if (m.encoding === 'base64') return { text: hexDump(payloadBytes(m)), view: 'hex', note: 'not text: shown as hex' };
  if (view === 'json') {
    const pretty = prettyJson(m.payload);
    if (pretty !== null) return { text: pretty, view, note: null };
    return { text: m.payload, view: 'text', note: m.payload === '' ? 'empty payload' : 'not JSON: shown as text' };
  }
  return { text: m.payload, view, note: m.payload === '' ? 'empty payload' : null };
}

/** A one-line preview for the topic tree. */
export function previewPayload(m: Payload, max = 60): string {
  if (m.encoding === 'base64') return `${payloadBytes(m).length} bytes (binary)`;
  const flat = m.payload.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty)';
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** e.g. 512 B, 64.0 KiB */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
