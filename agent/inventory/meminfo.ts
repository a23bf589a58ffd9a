// Parses /proc/meminfo ("MemTotal:  24683584 kB") into bytes.
export interface Memory { totalBytes: number; availableBytes: number }

export function parseMeminfoFields(text: string): Map<string, number> {
  const fields = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z0-9_()]+):\s+(\d+)(?:\s+(kB))?\s*$/.exec(line.trim());
    if (!m) continue;
    fields.set(m[1]!, Number(m[2]) * (m[3] ? 1024 : 1));
  }
  return fields;
}

/** A reason string when MemTotal is absent. Kernels before 3.14 have no MemAvailable: then it is
 *  estimated as MemFree + Buffers + Cached, as free(1) did. */
export function parseMeminfo(text: string): Memory | string {
  const f = parseMeminfoFields(text);
  const total = f.get('MemTotal');
  if (total === undefined) return '/proc/meminfo has no MemTotal line';
  let available = f.get('MemAvailable');
  if (available === undefined) {
    const free = f.get('MemFree');
    if (free === undefined) return '/proc/meminfo has neither MemAvailable nor MemFree';
    available = free + (f.get('Buffers') ?? 0) + (f.get('Cached') ?? 0);
  }
  return { totalBytes: total, availableBytes: available };
}
