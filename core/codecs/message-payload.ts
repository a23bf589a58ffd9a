// MQTT payloads as the message explorer shows them, and as an operator types them. Pure.

export interface ShownPayload {
  /** UTF-8 text, or base64 when the bytes are not text */
  payload: string;
  encoding: 'text' | 'base64';
  /** the whole payload's size in bytes */
  size: number;
  truncated: boolean;
}

// text means valid UTF-8 without control characters other than tab, newline and carriage return
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The first `cap` bytes of a payload, as text when they are text (a character cut by the cap is left out). */
export function showPayload(raw: Uint8Array | string, cap: number): ShownPayload {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  const truncated = bytes.length > cap;
  const head = truncated ? bytes.subarray(0, cap) : bytes;
  try {
    // stream: a multi-byte character cut by the cap is held back instead of being an error
    const text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: truncated });
    if (!CONTROL.test(text)) return { payload: text, encoding: 'text', size: bytes.length, truncated };
  } catch {
    // not UTF-8: shown as bytes
  }
  return { payload: Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('base64'), encoding: 'base64', size: bytes.length, truncated };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes an operator asked to publish; an error sentence for base64 that is not. */
export function payloadBytes(payload: string, encoding: 'text' | 'base64'): Buffer | { error: string } {
  if (encoding === 'text') return Buffer.from(payload, 'utf8');
  const compact = payload.replace(/\s+/g, '');
  if (!BASE64.test(compact)) return { error: 'the payload is not valid base64' };
  return Buffer.from(compact, 'base64');
}
