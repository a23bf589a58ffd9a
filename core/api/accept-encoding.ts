// Content negotiation for the precompressed UI files: which of the stored encodings a client takes.

export type Encoding = 'br' | 'gzip' | 'identity';

/** Our preference when the client likes both equally: the smaller first. */
const PREFERENCE = ['br', 'gzip'] as const;

/** The q-value per coding from an Accept-Encoding header (lower-cased names; `*` included). */
function qualities(header: string): Map<string, number> {
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    const coding = name?.trim().toLowerCase();
    if (!coding) continue;
    let value: number | null = 1;
    for (const p of params) {
      const m = /^\s*q\s*=(.*)$/i.exec(p);
      if (!m) continue;
      const text = m[1]!.trim();
      value = /^[01](\.\d{0,3})?$/.test(text) && Number(text) <= 1 ? Number(text) : null;
    }
    if (value !== null) q.set(coding, value); // a part with a malformed q-value is left out
  }
  return q;
}

/**
 * The encoding to send, from those `available` besides identity (RFC 9110 §12.5.3): the highest
 * q-value wins, ties go to the smaller encoding; a coding the header does not name takes the `*`
 * value, or else is refused. Identity, unless the header names it (or `*`), is the fallback: it
 * loses to any coding the client accepts, because a compressed copy is always the smaller one.
 * When the client refuses even identity it gets identity anyway: better than a 406 for a page.
 */
export function chooseEncoding(header: string | undefined, available: ReadonlySet<Exclude<Encoding, 'identity'>>): Encoding {
  if (!header) return 'identity';
  const q = qualities(header);
  const star = q.get('*');
  const valueOf = (e: Encoding) => {
    // x-gzip is the old name for gzip (RFC 9110 §8.4.1.3)
    const named = q.get(e) ?? (e === 'gzip' ? q.get('x-gzip') : undefined);
    return named ?? star ?? 0;
  };
  let best: Encoding = 'identity';
  let bestQ = 0;
  for (const e of PREFERENCE) {
    if (!available.has(e)) continue;
    const v = valueOf(e);
    if (v > bestQ) { best = e; bestQ = v; }
  }
  // a named identity (or *) above every accepted copy wins
  if (bestQ > 0 && valueOf('identity') > bestQ) return 'identity';
  return best;
}
