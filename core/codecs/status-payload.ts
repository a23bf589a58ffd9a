// The payload a device publishes on outpost/v1/{uid}/status, as a short text a person can read.
// Pure: bytes in, text out. Bounded, so a large or binary status costs a few hundred bytes at most.

/** Longest text kept; longer payloads are cut and end with "…". */
export const STATUS_TEXT_MAX = 256;
/** Bytes of a binary payload shown as hex. */
const HEX_BYTES = 32;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * - empty payload (a retained status being cleared): null
 * - UTF-8 text without control characters (tabs and newlines allowed): the text, whitespace at the
 *   ends trimmed, cut to STATUS_TEXT_MAX characters
 * - anything else: "binary, N bytes: 0a1b…" with the first bytes in hex
 */
export function statusPayloadText(payload: Buffer | string): string | null {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  if (bytes.length === 0) return null;
  // decoding the whole of a huge payload only to keep 256 characters is wasted work: 4 bytes per character at most
  const head = bytes.subarray(0, STATUS_TEXT_MAX * 4 + 4);
  const text = decodeUtf8Prefix(head, head.length < bytes.length);
  if (text !== null && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) {
    const trimmed = text.trim();
    const chars = [...trimmed];
    if (chars.length <= STATUS_TEXT_MAX && head.length === bytes.length) return trimmed;
    return `${chars.slice(0, STATUS_TEXT_MAX - 1).join('')}…`;
  }
  const shown = bytes.subarray(0, HEX_BYTES).toString('hex');
  return `binary, ${bytes.length} bytes: ${shown}${bytes.length > HEX_BYTES ? '…' : ''}`;
}

/** The text of `bytes`, or null when it is not UTF-8; a cut prefix may end inside a character. */
function decodeUtf8Prefix(bytes: Buffer, cut: boolean): string | null {
  // a character split by the cut is up to 3 bytes: drop them and try again
  for (let drop = 0; drop <= (cut ? 3 : 0); drop++) {
    try {
      return decoder.decode(bytes.subarray(0, bytes.length - drop));
    } catch {
      // not (yet) valid
    }
  }
  return null;
}
