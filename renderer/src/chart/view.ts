// The time window a chart shows: a span ending at a time, or at "now" while following live.
// Zoom, pan and reset are pure steps on it, so the toolbar, the keyboard and drag share them.

export interface TimeWindow { from: number; to: number }
export interface ChartView { span: number; end: number; follow: boolean }
/** What the chart returns to on reset: a span up to now (followed), or a fixed range. */
export type BaseRange = { kind: 'live'; span: number } | { kind: 'fixed'; from: number; to: number };

/** Room past "now" so points stamped by a device clock slightly ahead still show. */
export const LIVE_HEADROOM = 5_000;
/** The narrowest window a drag may zoom to. */
export const MIN_SPAN = 1_000;

export function viewOf(base: BaseRange, now: number): ChartView {
  return base.kind === 'live' ? { span: base.span, end: now, follow: true } : { span: base.to - base.from, end: base.to, follow: false };
}

export function windowOf(view: ChartView, now: number): TimeWindow {
  if (view.follow) return { from: now - view.span, to: now + LIVE_HEADROOM };
  return { from: view.end - view.span, to: view.end };
}

/** The window between two times picked by a drag (either order); too narrow a drag is widened. */
export function zoomTo(a: number, b: number): ChartView {
  const from = Math.min(a, b), to = Math.max(a, b);
  const span = Math.max(MIN_SPAN, to - from);
  return { span, end: from + span, follow: false };
}

/** One window span earlier (-1) or later (+1); never past now. */
export function pan(view: ChartView, direction: -1 | 1, now: number): ChartView {
  const end = view.follow ? now : view.end;
  return { span: view.span, end: Math.min(now, end + direction * view.span), follow: false };
}

/** Following keeps the right edge at now; stopping freezes the window where it is. */
export function follow(view: ChartView, on: boolean, now: number): ChartView {
  return on ? { ...view, follow: true } : { ...view, end: view.follow ? now : view.end, follow: false };
}

export function sameView(a: ChartView, b: ChartView): boolean {
  return a.span === b.span && a.follow === b.follow && (a.follow || a.end === b.end);
}

/**
 * Buckets to ask for at a width: about one per pixel, in steps of 100. Kept when the width moves a
 * little (a scrollbar appearing must not refetch the chart); changed when more than 25 % more
 * are needed or fewer than half.
 */
export function resolutionFor(width: number, current: number | null): number {
  const wanted = Math.max(100, Math.min(5000, Math.ceil(width / 100) * 100));
  if (current !== null && wanted <= current * 1.25 && wanted >= current / 2) return current;
  return wanted;
}
