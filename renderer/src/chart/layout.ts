// Which Y axis each line goes on, and the colours of lines and state bands (CSS variables, so the
// chart follows the light or dark theme).

export type AxisSide = 'left' | 'right';

/** Lines of the first unit on the left axis, the other units on the right one. */
export function assignAxes(lines: ReadonlyArray<{ id: string; unit: string | null }>): {
  side: Map<string, AxisSide>; units: Record<AxisSide, string[]>;
} {
  const side = new Map<string, AxisSide>();
  const units: Record<AxisSide, string[]> = { left: [], right: [] };
  const leftUnit = lines[0]?.unit ?? null;
  for (const l of lines) {
    const s: AxisSide = l.unit === leftUnit ? 'left' : 'right';
    side.set(l.id, s);
    const u = l.unit ?? '';
    if (u && !units[s].includes(u)) units[s].push(u);
  }
  return { side, units };
}

export const PALETTE_SIZE = 6;
/** The colour of the n-th series of a chart. */
export function seriesColor(index: number): string {
  return `var(--chart-${(index % PALETTE_SIZE) + 1})`;
}

/** Band colour of a state value: booleans green/grey, strings a stable colour per value. */
export function stateColor(value: string | number | boolean | null): string {
  if (value === null) return 'var(--chart-mixed)';
  if (value === true) return 'var(--green)';
  if (value === false) return 'var(--grey)';
  const text = String(value);
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return seriesColor(h % PALETTE_SIZE);
}

/** A state value in words. */
export function stateLabel(value: string | number | boolean | null): string {
  if (value === null) return 'several values';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}
