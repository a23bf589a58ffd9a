// The Telemetry tab: latest values of every series and a chart of one of them.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Series } from '../../../../core/contract/api.js';
import { call, errorMessage, mayCall } from '../../api.js';
import { UnitEditor } from '../../components/UnitEditor.js';
import { useLive, useReconnects } from '../../live.js';
import { useAction } from '../../use-action.js';
import { formatDateTime, formatValue, formatWhen, fromLocalInput, relativeTime, toLocalInput } from '../../format.js';
import { Card, ErrorMessage } from '../../components/common.js';
import { TelemetryChart, useWidth } from '../../components/TelemetryChart.js';
import { resolveRange, useChartPoints } from '../../use-chart-points.js';
import type { RangeChoice } from '../../use-chart-points.js';
import type { DeviceTabProps } from '../tabs.js';

const presets = [
  { id: '15m', label: '15 min', ms: 15 * 60_000 },
  { id: '1h', label: '1 h', ms: 3600_000 },
  { id: '24h', label: '24 h', ms: 24 * 3600_000 },
  { id: '7d', label: '7 d', ms: 7 * 24 * 3600_000 },
] as const;

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

  // ---- chart state
  const numeric = useMemo(() => series.filter((s) => s.type === 'number'), [series]);
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const chartKey = chosenKey && numeric.some((s) => s.key === chosenKey) ? chosenKey : (numeric[0]?.key ?? null);
  // keep showing the series picked by default when other series appear later
  useEffect(() => {
    if (chartKey !== null && chosenKey === null) setChosenKey(chartKey);
  }, [chartKey, chosenKey]);
  const chartSeries = numeric.find((s) => s.key === chartKey) ?? null;
  const [range, setRange] = useState<RangeChoice>({ kind: 'preset', id: '1h', ms: 3600_000 });
  const [chartRef, chartWidth] = useWidth<HTMLDivElement>();
  // about one point per pixel, rounded so small resizes do not refetch
  const maxPoints = Math.max(2, Math.min(5000, chartWidth > 0 ? Math.ceil(chartWidth / 100) * 100 : 800));
  const { points, loading: pointsLoading, error: pointsError, refresh: refreshPoints } = useChartPoints(uid, chartKey, range, maxPoints);

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
    const { from, to } = resolveRange(range);
    if (msg.points.some((p) => p.key === chartKey && p.ts >= from && (range.kind === 'preset' || p.ts <= to))) refreshPoints();
  });
  // after a gap in the live stream the chart may miss points: fetch them again
  useEffect(() => { if (reconnects > 0) refreshPoints(); }, [reconnects, refreshPoints]);

  const customFrom = range.kind === 'custom' ? range.from : Date.now() - 3600_000;
  const customTo = range.kind === 'custom' ? range.to : Date.now();

  return (
    <>
      <ErrorMessage error={actionError} onDismiss={() => setActionError(null)} />
      <Card title="Latest values" testId="latest-values">
        {series.length === 0 ? (
          <div className="empty small">No data received yet.</div>
        ) : (
          <table className="table compact">
            <thead><tr><th>Key</th><th className="num">Value</th><th>Unit</th><th>Time</th></tr></thead>
            <tbody>
              {series.map((s) => (
                <tr key={s.key} data-testid={`latest-row-${s.key}`}
                  className={s.key === chartKey ? 'selected' : s.type === 'number' ? 'clickable' : ''}
                  onClick={s.type === 'number' ? () => setChosenKey(s.key) : undefined}>
                  <td><code>{s.key}</code></td>
                  <td className="num" data-testid={`latest-value-${s.key}`}>{formatValue(s.lastValue)}</td>
                  <td className="muted" data-testid={`unit-${s.key}`}>
                    <UnitEditor uid={uid} series={s} canEdit={mayCall(me.role, 'updateSeries')}
                      onSaved={(saved) => setSeries((list) => list.map((x) => (x.key === saved.key ? saved : x)))} />
                  </td>
                  <td className="nowrap" title={formatDateTime(s.lastTs)}>
                    {s.lastTs === null ? '—' : `${formatWhen(s.lastTs, now)} (${relativeTime(s.lastTs, now)})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card
        title={<>Chart{chartSeries && <span className="muted"> · {chartSeries.key}{chartSeries.unit ? ` (${chartSeries.unit})` : ''}</span>}</>}
        testId="chart-card"
        actions={
          <div className="chart-controls">
            {numeric.length > 0 && (
              <select aria-label="Series" value={chartKey ?? ''} onChange={(e) => setChosenKey(e.target.value)} data-testid="chart-series">
                {numeric.map((s) => <option key={s.key} value={s.key}>{s.key}</option>)}
              </select>
            )}
            <div className="segmented" role="group" aria-label="Time range">
              {presets.map((p) => (
                <button key={p.id} type="button" data-testid={`range-${p.id}`}
                  className={range.kind === 'preset' && range.id === p.id ? 'active' : ''}
                  onClick={() => setRange({ kind: 'preset', id: p.id, ms: p.ms })}>{p.label}</button>
              ))}
              <button type="button" data-testid="range-custom" className={range.kind === 'custom' ? 'active' : ''}
                onClick={() => { if (range.kind !== 'custom') setRange({ kind: 'custom', from: customFrom, to: customTo }); }}>Custom</button>
            </div>
            {chartKey !== null && (
              <a className="btn btn-small" data-testid="export-csv" download
                title="Every point of this range, not downsampled"
                onClick={(e) => { e.currentTarget.href = csvUrl(uid, chartKey, resolveRange(range)); }}
                href={csvUrl(uid, chartKey, resolveRange(range))}>CSV</a>
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
        <ErrorMessage error={pointsError} />
        <div ref={chartRef} className="chart-wrap">
          {chartKey === null ? (
            <div className="chart" data-testid="chart" data-points-count={0}>
              <div className="chart-empty">No numeric series yet. Values appear here once the device publishes telemetry.</div>
            </div>
          ) : (
            <TelemetryChart points={points} unit={chartSeries?.unit ?? null} width={chartWidth} loading={pointsLoading} />
          )}
        </div>
        {points?.downsampled && <p className="hint">Downsampled: each point shows the average, the band min–max.</p>}
      </Card>

    </>
  );
}

/** Download link for every point of a series in a range (the range is resolved when clicked). */
function csvUrl(uid: string, key: string, { from, to }: { from: number; to: number }): string {
  return `/api/devices/${encodeURIComponent(uid)}/series/${encodeURIComponent(key)}/export.csv?from=${Math.floor(from)}&to=${Math.ceil(to)}`;
}
