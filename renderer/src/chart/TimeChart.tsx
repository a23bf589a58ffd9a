// A time-series chart for any set of series: numeric lines (average + min–max band, breaks at
// gaps, a second Y axis when units differ) and state timelines for booleans and strings, on one
// real time axis. Drag to zoom, toolbar and arrow keys to pan, a legend to toggle series.
import { useCallback, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { CartesianGrid, ComposedChart, Line, XAxis, YAxis, type YAxisProps } from 'recharts';
import { BandLayer, bandExtent } from './BandLayer.js';
import { formatValue, useNow } from '../format.js';
import { ChartLegend } from './ChartLegend.js';
import { ChartToolbar } from './ChartToolbar.js';
import { HoverReadout } from './HoverReadout.js';
import { PointerLayer } from './PointerLayer.js';
import { StateBands } from './StateBands.js';
import { createHoverStore } from './hover.js';
import { assignAxes, seriesColor, stateColor } from './layout.js';
import { lineRows, type LineRow } from './rows.js';
import { timeTicks, zoneLabel } from './time-ticks.js';
import type { ChartSeries } from './types.js';
import type { StateSegment } from '../../../core/contract/api.js';
import type { ChartViewControls } from './use-chart-view.js';
import type { TimeWindow } from './view.js';
import './chart.css';

const AXIS_WIDTH = 56;
const MARGIN = { top: 10, right: 12, bottom: 0, left: 4 };
/** px per tick label, so labels never crowd */
const PX_PER_TICK = 64;
const TIMELINE_HEIGHT = 30;
const X_AXIS_HEIGHT = 34;

export interface TimeChartProps {
  series: readonly ChartSeries[];
  window: TimeWindow;
  width: number;
  lineHeight?: number;
  loading?: boolean;
  /** zoom, pan, reset and follow; without it the chart is static */
  controls?: ChartViewControls;
  /** shown instead of the plot when no series is given */
  empty?: ReactNode;
}

export interface PreparedLine { series: ChartSeries; rows: LineRow[]; gaps: number; hasBand: boolean; extent: [number, number] | null; color: string }

export function TimeChart({ series, window, width, lineHeight = 260, loading = false, controls, empty }: TimeChartProps) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [hover] = useState(createHoverStore);
  const colors = useMemo(() => {
    let line = 0; // lines take the palette in order; timelines show their values' colours
    return new Map(series.map((s) => [s.id, s.kind === 'state' ? stateSwatch(s.segments ?? []) : seriesColor(line++)]));
  }, [series]);
  const lines = useMemo<PreparedLine[]>(() => series.filter((s) => s.kind === 'line')
    .map((s) => {
      const prepared = lineRows(s.buckets ?? []);
      return { series: s, ...prepared, extent: prepared.hasBand ? bandExtent(prepared.rows) : null, color: colors.get(s.id)! };
    }), [series, colors]);
  const states = series.filter((s) => s.kind === 'state');
  const shownLines = lines.filter((l) => !hidden.has(l.series.id));
  const shownStates = states.filter((s) => !hidden.has(s.id));
  const axes = assignAxes(shownLines.map((l) => ({ id: l.series.id, unit: l.series.unit })));
  const hasRight = shownLines.some((l) => axes.side.get(l.series.id) === 'right');
  const { from, to } = window;
  const plotWidth = width - MARGIN.left - MARGIN.right - AXIS_WIDTH * (hasRight ? 2 : 1);
  const ticks = useMemo(() => timeTicks(from, to, Math.max(3, Math.floor(plotWidth / PX_PER_TICK))), [from, to, plotWidth]);
  const tickLabels = useMemo(() => new Map(ticks.map((t) => [t.ts, t])), [ticks]);
  const pointsCount = lines.reduce((n, l) => n + (l.series.buckets?.length ?? 0), 0);
  const gaps = shownLines.reduce((n, l) => n + l.gaps, 0);
  const onZoom = controls ? controls.zoom : undefined;
  // the bands are drawn outside recharts' data: widen each axis to hold them
  const extentOf = (side: 'left' | 'right'): [number, number] | null => {
    const ext = shownLines.filter((l) => l.hasBand && axes.side.get(l.series.id) === side).map((l) => l.extent).filter((e) => e !== null);
    return ext.length === 0 ? null : [Math.min(...ext.map((e) => e[0])), Math.max(...ext.map((e) => e[1]))];
  };
  const leftExtent = extentOf('left'), rightExtent = extentOf('right');
  // Axis props keep their identity from one render to the next unless what they say changes:
  // recharts stores each axis' settings and recomputes the whole chart when a prop is new.
  const leftDomain = useMemo(() => domainWith(leftExtent), [leftExtent?.[0], leftExtent?.[1]]);
  const rightDomain = useMemo(() => domainWith(rightExtent), [rightExtent?.[0], rightExtent?.[1]]);
  const tickValues = useMemo(() => ticks.map((t) => t.ts), [ticks]);
  const xDomain = useMemo<[number, number]>(() => [from, to], [from, to]);
  const renderTick = useCallback((p: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) => {
    const t = tickLabels.get(Number(p.payload?.value));
    const x = Number(p.x), y = Number(p.y);
    return (
      <text className="tchart-tick" x={x} y={y + 12} textAnchor="middle" fill="var(--muted)" fontSize={12}>
        <tspan x={x}>{t?.time}</tspan>
        {t?.date && <tspan x={x} dy={14} fontWeight={600}>{t.date}</tspan>}
      </text>
    );
  }, [tickLabels]);

  // a linear scale over epoch ms draws the same as a time scale, without the time scale's tick
  // computations (the ticks are given); explicit intervals spare recharts measuring every label
  const xAxis = (hide: boolean) => (
    <XAxis dataKey="ts" type="number" domain={xDomain} allowDataOverflow hide={hide}
      ticks={tickValues} interval={0} height={X_AXIS_HEIGHT} stroke="var(--muted)" fontSize={12} tick={renderTick} />
  );
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!controls || e.target !== e.currentTarget) return;
    const span = to - from;
    const mid = from + span / 2;
    const acts: Record<string, () => void> = {
      ArrowLeft: () => controls.pan(-1),
      ArrowRight: () => controls.pan(1),
      Escape: () => controls.reset(),
      '+': () => controls.zoom(mid - span / 4, mid + span / 4),
      '-': () => controls.zoom(mid - span, mid + span),
    };
    const act = acts[e.key];
    if (act) { e.preventDefault(); act(); }
  };
  // recharts is mounted once there are points to draw, not before with none and again with them:
  // its first render is the costly one
  const [plotted, setPlotted] = useState(false);
  if (!plotted && series.some((s) => s.buckets !== undefined || s.segments !== undefined)) setPlotted(true);
  const stateMarginRight = MARGIN.right + (hasRight ? AXIS_WIDTH : 0);

  return (
    <div className="tchart" data-testid="chart" data-points-count={pointsCount} data-gaps={gaps}
      data-series-count={series.length} data-window-from={Math.round(from)} data-window-to={Math.round(to)} data-y-axes={shownLines.length === 0 ? 0 : hasRight ? 2 : 1}
      data-loading={loading ? 'true' : 'false'} data-downsampled={lines.some((l) => l.series.downsampled) ? 'true' : 'false'}>
      {series.length === 0 ? (
        <div className="chart-empty">{empty ?? 'Nothing to chart.'}</div>
      ) : (
        <>
          <div className="tchart-top">
            <ChartLegend series={series} colors={colors} hidden={hidden}
              onToggle={(id) => setHidden((h) => { const n = new Set(h); if (n.has(id)) n.delete(id); else n.add(id); return n; })} />
            {controls && <ChartToolbar controls={controls} />}
          </div>
          <HoverReadout hover={hover} lines={shownLines} states={shownStates} />
          <div className="tchart-plot" tabIndex={controls ? 0 : undefined} onKeyDown={onKeyDown}
            role={controls ? 'group' : undefined}
            aria-label={controls ? 'Chart: drag to zoom, ← and → to pan, + and − to zoom, Esc to reset' : undefined}
            onPointerLeave={() => hover.set(null)}>
            {width > 0 && shownLines.length > 0 && (
              <div className="tchart-units" aria-hidden="true">
                <span data-testid="chart-axis-left">{axes.units.left.join(', ')}</span>
                <span data-testid="chart-axis-right">{axes.units.right.join(', ')}</span>
              </div>
            )}
            {width > 0 && shownLines.length > 0 && !plotted && <div style={{ height: lineHeight + X_AXIS_HEIGHT }} />}
            {width > 0 && shownLines.length > 0 && plotted && (
              <ComposedChart width={width} height={lineHeight + X_AXIS_HEIGHT} margin={MARGIN}>
                <CartesianGrid stroke="var(--line)" vertical={false} />
                {xAxis(false)}
                <YAxis yAxisId="left" stroke="var(--muted)" fontSize={12} width={AXIS_WIDTH} domain={leftDomain}
                  interval={0} tickFormatter={formatTick} />
                {hasRight && (
                  <YAxis yAxisId="right" orientation="right" stroke="var(--muted)" fontSize={12} width={AXIS_WIDTH}
                    domain={rightDomain} interval={0} tickFormatter={formatTick} />
                )}
                {shownLines.flatMap((l) => {
                  const axis = axes.side.get(l.series.id) ?? 'left';
                  const dots = l.rows.length <= 60;
                  return [
                    l.hasBand && <BandLayer key={`${l.series.id}-band`} rows={l.rows} axisId={axis} color={l.color} />,
                    <Line key={`${l.series.id}-line`} className={`tchart-line tchart-line-${cssId(l.series.id)}`} data={l.rows} dataKey="avg"
                      yAxisId={axis} type="linear" stroke={l.color} strokeWidth={2} dot={dots ? { r: 2.5, fill: l.color } : false}
                      activeDot={false} isAnimationActive={false} connectNulls={false} />,
                  ];
                })}
                <PointerLayer hover={hover} onZoom={onZoom} />
              </ComposedChart>
            )}
            {width > 0 && plotted && shownStates.map((s, i) => {
              const withAxis = shownLines.length === 0 && i === shownStates.length - 1;
              return (
                <div key={s.id} className="tchart-timeline" data-testid={`timeline-${s.id}`} data-segments={s.segments?.length ?? 0}>
                  <div className="tchart-timeline-label" style={{ marginLeft: MARGIN.left + AXIS_WIDTH }}>{s.label}</div>
                  <ComposedChart width={width} height={TIMELINE_HEIGHT + (withAxis ? X_AXIS_HEIGHT : 0) + 4}
                    margin={{ top: 2, right: stateMarginRight, bottom: 2, left: MARGIN.left + AXIS_WIDTH }}>
                    {xAxis(!withAxis)}
                    <YAxis hide domain={UNIT_DOMAIN} />
                    <LiveStateBands segments={s.segments ?? []} from={from} to={to} />
                    <PointerLayer hover={hover} onZoom={onZoom} />
                  </ComposedChart>
                </div>
              );
            })}
          </div>
          <div className="tchart-foot">
            <span data-testid="chart-zone">Times in {zoneLabel(to)}</span>
            {gaps > 0 && <span> · {gaps} gap{gaps === 1 ? '' : 's'} (no data for over 3 × the usual interval)</span>}
          </div>
        </>
      )}
    </div>
  );
}

const UNIT_DOMAIN: [number, number] = [0, 1];

/** A timeline's bands whose last run grows with the clock: only this re-renders every second. */
function LiveStateBands(props: { segments: readonly StateSegment[]; from: number; to: number }) {
  const now = useNow(1000);
  return <StateBands {...props} until={now} />;
}
const formatTick = (v: number) => formatValue(v);
/** The domain of a Y axis: recharts' own from the averages, widened to the bands' extent. */
function domainWith(extent: [number, number] | null): YAxisProps['domain'] {
  if (!extent) return ['auto', 'auto'];
  const [lo, hi] = extent;
  return ([dataMin, dataMax]: readonly [number, number]) => [Math.min(dataMin, lo), Math.max(dataMax, hi)] as const;
}

/** a series id usable in a class name */
export function cssId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** A legend swatch for a timeline: its first values' colours side by side. */
function stateSwatch(segments: readonly StateSegment[]): string {
  const values = [...new Set(segments.map((s) => s.value))].slice(0, 3);
  if (values.length === 0) return 'var(--muted)';
  const step = 100 / values.length;
  return `linear-gradient(90deg, ${values.map((v, i) => `${stateColor(v)} ${i * step}% ${(i + 1) * step}%`).join(', ')})`;
}
