// DDFs write ranges several ways ('0-255 bytes', '0..255', '16,32,48') and sometimes prose
// ('the values listed in the Core specification'). We keep one machine-readable form.

/** '0..255' for a span, '16,32,48' for an enumeration of integers, undefined for anything else. */
export function normalizeRange(raw: string): string | undefined {
  const r = raw.trim().replace(/\s*bytes$/i, '');
  const span = /^(-?\d+(?:\.\d+)?)\s*(?:-|\.\.)\s*(-?\d+(?:\.\d+)?)$/.exec(r);
  if (span) return `${span[1]}..${span[2]}`;
  return /^-?\d+(\s*,\s*-?\d+)*$/.test(r) ? r.replace(/\s+/g, '') : undefined;
}
