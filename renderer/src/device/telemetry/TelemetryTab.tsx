// The Telemetry tab: latest values of every series, a chart of the chosen ones (click a row to
// chart it alone, tick its box to add it), and the raw points of one of them under the chart.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Series } from '../../../../core/contract/api.js';
import { call, errorMessage, mayCall } from '../../api.js';
import { UnitEditor } from '../../components/UnitEditor.js';
import { useLive, useReconnects } from '../../live.js';
import { useAction } from '../../use-action.js';
import { formatDateTime, formatValue, formatWhen, fromLocalInput, relativeTime, toLocalInput } from '../../format.js';
import { Card, ErrorMessage } from '../../components/common.js';
import { LazyTimeChart } from '../../chart/LazyTimeChart.js';
import { RawPointsTable, type FetchRawPage } from '../../chart/RawPointsTable.js';
import { useChartView } from '../../chart/use-chart-view.js';
import { useSeriesPoints, type FetchPoints } from '../../chart/use-series-points.js';
import { useWidth } from '../../chart/use-width.js';
import { resolutionFor, windowOf, type BaseRange, type TimeWindow } from '../../chart/view.js';
import type { ChartSeries } from '../../chart/types.js';
import type { DeviceTabProps } from '../tabs.js';
import { earlyPointsOf, takeEarlyPoints } from '../../early-requests.js';
import { defaultChartKey } from './default-series.js';
import './telemetry.css';

const presets = [
  { id: '15m', label: '15 min', ms: 15 * 60_000 },
  { id: '1h', label: '1 h', ms: 3600_000 },
  { id: '24h', label: '24 h', ms: 24 * 3600_000 },
  { id: '7d', label: '7 d', ms: 7 * 24 * 3600_000 },
] as const;
type RangeChoice = { kind: 'preset'; id: string; ms: number } | { kind: 'custom'; from: number; to: number };
/** more than this many series on one chart is unreadable */
const MAX_CHARTED = 6;

export function TelemetryTab({ uid, me, now }: DeviceTabProps) {
  const { error: actionError, setError: setActionError } = useAction();
  const [series, setSeries] = useState<Series[]>([]);
  const reconnects = useReconnects();

  const loadSeries = useCallback(async () => {
    try {
      setSeries(await call('listSeries', { params: { uid } }));
    } catch (e) {
      setActionError(errorMessage(e));
    }
  }, [uid, setActionError]);
  useEffect(() => { void loadSeries(); }, [loadSeries, reconnects]);
  // live points with a key the list lacks: reload it once for all that arrive meanwhile
  const [seriesStale, setSeriesStale] = useState(false);
  useEffect(() => {
    if (!seriesStale) return;
    const t = setTimeout(() => { setSeriesStale(false); void loadSeries(); }, 300);
    return () => clearTimeout(t);
  }, [seriesStale, loadSeries]);

  // ---- which series are charted: picked ones, else the first numeric (or first) series
  const [picked, setPicked] = useState<string[] | null>(null);
  const fallback = defaultChartKey(series);
  const chartKeys = useMemo(() => {
    const keys = (picked ?? (fallback === null ? [] : [fallback])).filter((k) => series.some((s) => s.key === k));
    return keys.length === 0 && fallback !== null ? [fallback] : keys;
  }, [picked, fallback, series]);
  const chartKeysKey = chartKeys.join('\n');
  // keep charting the series shown by default when other series appear later
  useEffect(() => { if (picked === null && fallback !== null) setPicked([fallback]); }, [picked, fallback]);
  const toggleCharted = (key: string) => setPicked(() => {
    const next = chartKeys.includes(key) ? chartKeys.filter((k) => k !== key) : [...chartKeys, key].slice(-MAX_CHARTED);
    return next.length === 0 ? chartKeys : next;
  });

  // ---- range, view and points
  const [range, setRange] = useState<RangeChoice>({ kind: 'preset', id: '1h', ms: 3600_000 });
  const base: BaseRange = range.kind === 'preset' ? { kind: 'live', span: range.ms } : { kind: 'fixed', from: range.from, to: range.to };
  const controls = useChartView(base);
  const [chartRef, chartWidth] = useWidth<HTMLDivElement>();
  // no request until the width is known, and none for a few pixels more or less (see resolutionFor);
  // the bucket count of a request the page sent early is kept if the width allows it
  const resolutionRef = useRef<number | null>(earlyPointsOf(uid)?.maxPoints ?? null);
  if (chartWidth > 0) resolutionRef.current = resolutionFor(chartWidth, resolutionRef.current);
  const resolution = chartWidth > 0 ? resolutionRef.current : null;
  const fetchPoints = useCallback<FetchPoints>((key, w, maxPoints, signal) => {
    // the page's early request for this chart, sent a moment before, if this is that chart (its answer is waiting)
    const early = takeEarlyPoints(uid, key, w.from, w.to, maxPoints);
    const query = early ? { from: early.from, to: early.to, maxPoints } : { from: Math.floor(w.from), to: Math.ceil(w.to), maxPoints };
    return call('getPoints', { params: { uid, key }, query, signal });
  }, [uid]);
  const points = useSeriesPoints(uid, chartKeys, controls.view, resolution, fetchPoints, errorMessage);

  const unitsKey = chartKeys.map((k) => series.find((s) => s.key === k)?.unit ?? '').join('\n');
  const chartSeries = useMemo<ChartSeries[]>(() => chartKeys.flatMap((k) => {
    const s = series.find((x) => x.key === k);
    if (!s) return [];
    const p = points.data.get(k);
    return [{ id: k, label: k, unit: s.unit, kind: s.type === 'number' ? 'line' : 'state', buckets: p?.buckets, segments: p?.segments, downsampled: p?.downsampled }];
    // series changes with every live value; only keys, units, types and points matter here
  }), [chartKeysKey, unitsKey, points.data, series.map((s) => s.type).join()]);

  // ---- raw points of one charted series: asked for once the chart has its points (or after a
  // second without them), so that the chart's request is not queued behind the table's
  const chartAnswered = points.data.size > 0 || points.error !== null;
  const [rawMayLoad, setRawMayLoad] = useState(false);
  useEffect(() => {
    if (rawMayLoad) return;
    if (chartAnswered) { setRawMayLoad(true); return; }
    const t = setTimeout(() => setRawMayLoad(true), 1000);
    return () => clearTimeout(t);
  }, [chartAnswered, rawMayLoad]);
  const [rawChoice, setRawChoice] = useState<string | null>(null);
  const rawKey = rawChoice !== null && chartKeys.includes(rawChoice) ? rawChoice : (chartKeys[0] ?? null);
  const rawSeries = series.find((s) => s.key === rawKey) ?? null;
  const [rawReload, setRawReload] = useState(0);
  const rawPending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reloadRawSoon = useCallback(() => {
    if (rawPending.current) return; // at most one reload a second, however many points arrive
    rawPending.current = setTimeout(() => { rawPending.current = null; setRawReload((n) => n + 1); }, 1000);
  }, []);
  useEffect(() => () => { if (rawPending.current) clearTimeout(rawPending.current); }, []);
  const fetchRawPage = useCallback<FetchRawPage>((cursor, limit, signal) => call('listRawPoints', {
    params: { uid, key: rawKey ?? '' }, query: cursor ? { ...cursor, limit } : { limit }, signal,
  }), [uid, rawKey]);

  // ---- live updates
  useLive((msg) => {
    if (msg.type !== 'points' || msg.uid !== uid) return;
    // points: newer latest values; a key the list lacks reloads it
    if (msg.points.some((p) => !series.some((s) => s.key === p.key))) setSeriesStale(true);
    setSeries((list) => {
      const next = list.slice();
      for (const p of msg.points) {
        const i = next.findIndex((s) => s.key === p.key);
        const s = next[i];
        if (!s) continue;
        if (s.lastTs === null || p.ts >= s.lastTs) next[i] = { ...s, lastTs: p.ts, lastValue: p.value };
      }
      return next;
    });
    const w = windowOf(controls.view, Date.now());
    if (msg.points.some((p) => chartKeys.includes(p.key) && p.ts >= w.from && (controls.view.follow || p.ts <= w.to))) points.refresh();
    if (msg.points.some((p) => p.key === rawKey)) reloadRawSoon();
  });
  // after a gap in the live stream the chart and table may miss points: fetch them again
  useEffect(() => { if (reconnects > 0) { points.refresh(); setRawReload((n) => n + 1); } }, [reconnects, points.refresh]);

  const customFrom = range.kind === 'custom' ? range.from : Date.now() - 3600_000;
  const customTo = range.kind === 'custom' ? range.to : Date.now();
  const charted = chartSeries.map((s) => `${s.label}${s.unit ? ` (${s.unit})` : ''}`).join(', ');

  return (
    <>
      <ErrorMessage error={actionError} onDismiss={() => setActionError(null)} />
      <Card title="Latest values" testId="latest-values">
        {series.length === 0 ? (
          <div className="empty small">No data received yet.</div>
        ) : (
          <table className="table compact table-cards">
            <thead><tr><th>Key</th><th className="num">Value</th><th>Unit</th><th>Time</th><th>Chart</th></tr></thead>
            <tbody>
              {series.map((s) => {
                const on = chartKeys.includes(s.key);
                return (
                  <tr key={s.key} data-testid={`latest-row-${s.key}`} className={on ? 'selected clickable' : 'clickable'}
                    onClick={() => setPicked([s.key])}>
                    <td className="card-title">
                      <button type="button" className="series-key" data-testid={`chart-only-${s.key}`}
                        title={`Chart ${s.key} alone`} aria-pressed={on && chartKeys.length === 1}
                        onClick={(e) => { e.stopPropagation(); setPicked([s.key]); }}><code>{s.key}</code></button>
                    </td>
                    <td className="num" data-label="Value" data-testid={`latest-value-${s.key}`}>{formatValue(s.lastValue)}</td>
                    <td className="muted" data-label="Unit" data-testid={`unit-${s.key}`}>
                      <UnitEditor uid={uid} series={s} canEdit={mayCall(me.role, 'updateSeries')}
                        onSaved={(saved) => setSeries((list) => list.map((x) => (x.key === saved.key ? saved : x)))} />
                    </td>
                    <td className="nowrap" data-label="Time" data-testid={`latest-time-${s.key}`} title={formatDateTime(s.lastTs)}>
                      {s.lastTs === null ? '—' : `${formatWhen(s.lastTs, now)} (${relativeTime(s.lastTs, now)})`}
                    </td>
                    <td data-label="On chart" onClick={(e) => e.stopPropagation()}>
                      <input type="checkbox" className="chart-toggle" data-testid={`chart-toggle-${s.key}`} checked={on}
                        aria-label={`Show ${s.key} on the chart`} onChange={() => toggleCharted(s.key)} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
      <Card
        title={<>Chart{charted && <span className="muted"> · {charted}</span>}</>}
        testId="chart-card"
        actions={
          <div className="chart-controls">
            <div className="segmented" role="group" aria-label="Time range">
              {presets.map((p) => (
                <button key={p.id} type="button" data-testid={`range-${p.id}`} aria-pressed={range.kind === 'preset' && range.id === p.id}
                  className={range.kind === 'preset' && range.id === p.id ? 'active' : ''}
                  onClick={() => { if (range.kind === 'preset' && range.id === p.id) controls.reset(); else setRange({ kind: 'preset', id: p.id, ms: p.ms }); }}>{p.label}</button>
              ))}
              <button type="button" data-testid="range-custom" className={range.kind === 'custom' ? 'active' : ''} aria-pressed={range.kind === 'custom'}
                onClick={() => { if (range.kind !== 'custom') setRange({ kind: 'custom', from: customFrom, to: customTo }); }}>Custom</button>
            </div>
            {rawKey !== null && (
              <a className="btn btn-small" data-testid="export-csv" download
                title={`Every point of ${rawKey} in the shown range, not downsampled`}
                onClick={(e) => { e.currentTarget.href = csvUrl(uid, rawKey, windowOf(controls.view, Date.now())); }}
                href={csvUrl(uid, rawKey, points.window)}>CSV</a>
            )}
          </div>
        }
      >
        {range.kind === 'custom' && (
          <div className="custom-range">
            <label>From
              <input type="datetime-local" value={toLocalInput(range.from)} data-testid="range-from"
                onChange={(e) => { const t = fromLocalInput(e.target.value); if (t !== null && t < range.to) setRange({ ...range, from: t }); }} />
            </label>
            <label>To
              <input type="datetime-local" value={toLocalInput(range.to)} data-testid="range-to"
                onChange={(e) => { const t = fromLocalInput(e.target.value); if (t !== null && t > range.from) setRange({ ...range, to: t }); }} />
            </label>
          </div>
        )}
        <ErrorMessage error={points.error} />
        <div ref={chartRef} className="chart-wrap">
          <LazyTimeChart series={chartSeries} window={points.window} width={chartWidth} loading={points.loading} controls={controls}
            empty="No series yet. Values appear here once the device publishes telemetry." />
        </div>
        {chartSeries.some((s) => s.downsampled) && <p className="hint">Downsampled: each point shows the average, the band min–max.</p>}
        {rawKey !== null && rawMayLoad && (
          <>
            {chartKeys.length > 1 && (
              <label className="raw-points-pick">Raw points of{' '}
                <select value={rawKey} onChange={(e) => setRawChoice(e.target.value)} data-testid="raw-series">
                  {chartKeys.map((k) => <option key={k} value={k}>{k}</option>)}
                </select>
              </label>
            )}
            <RawPointsTable seriesKey={rawKey} unit={rawSeries?.unit ?? null} fetchPage={fetchRawPage}
              reloadToken={rawReload} describeError={errorMessage} />
          </>
        )}
      </Card>
    </>
  );
}

/** Download link for every point of a series in a window. */
function csvUrl(uid: string, key: string, { from, to }: TimeWindow): string {
  return `/api/devices/${encodeURIComponent(uid)}/series/${encodeURIComponent(key)}/export.csv?from=${Math.floor(from)}&to=${Math.ceil(to)}`;
}
