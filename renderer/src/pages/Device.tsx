// One device: info, status, latest values, a live chart, events, and token/delete actions.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Device, DeviceEvent, MqttCredentials, Series, User } from '../../../core/contract/api.js';
import { ApiError, call, errorMessage, mayCall } from '../api.js';
import { UnitEditor } from '../components/UnitEditor.js';
import { DeviceInfoCard } from '../components/DeviceInfoCard.js';
import { useLive } from '../live.js';
import { useAction } from '../use-action.js';
import { navigate } from '../router.js';
import { formatDateTime, formatValue, formatWhen, fromLocalInput, relativeTime, statusLine, toLocalInput, useNow } from '../format.js';
import { Card, ErrorMessage, Loading, StatusDot } from '../components/common.js';
import { CredentialsPanel } from '../components/CredentialsPanel.js';
import { TelemetryChart, useWidth } from '../components/TelemetryChart.js';
import { resolveRange, useChartPoints } from '../use-chart-points.js';
import type { RangeChoice } from '../use-chart-points.js';

const presets = [
  { id: '15m', label: '15 min', ms: 15 * 60_000 },
  { id: '1h', label: '1 h', ms: 3600_000 },
  { id: '24h', label: '24 h', ms: 24 * 3600_000 },
  { id: '7d', label: '7 d', ms: 7 * 24 * 3600_000 },
] as const;

export function DevicePage({ uid, me }: { uid: string; me: User }) {
  const [device, setDevice] = useState<Device | null>(null);
  const [loadError, setLoadError] = useState<{ status: number; message: string } | null>(null);
  // rotate / delete, and the errors of loading series and events
  const { busy, error: actionError, setError: setActionError, run } = useAction();
  const [series, setSeries] = useState<Series[]>([]);
  const [events, setEvents] = useState<DeviceEvent[] | null>(null);
  const [credentials, setCredentials] = useState<MqttCredentials | null>(null);
  const now = useNow(1000);

  useEffect(() => {
    let cancelled = false;
    call('getDevice', { params: { uid } }).then(
      (d) => { if (!cancelled) setDevice(d); },
      (e) => { if (!cancelled) setLoadError({ status: e instanceof ApiError ? e.status : 0, message: errorMessage(e) }); },
    );
    return () => { cancelled = true; };
  }, [uid]);

  const loadSeries = useCallback(async () => {
    try {
      setSeries(await call('listSeries', { params: { uid } }));
    } catch (e) {
      setActionError(errorMessage(e));
    }
  }, [uid, setActionError]);
  useEffect(() => { void loadSeries(); }, [loadSeries]);
  // live points with a key the list lacks: reload it once for all that arrive meanwhile
  const [seriesStale, setSeriesStale] = useState(false);
  useEffect(() => {
    if (!seriesStale) return;
    const t = setTimeout(() => { setSeriesStale(false); void loadSeries(); }, 300);
    return () => clearTimeout(t);
  }, [seriesStale, loadSeries]);

  useEffect(() => {
    let cancelled = false;
    call('listEvents', { params: { uid } }).then(
      (ev) => { if (!cancelled) setEvents(ev); },
      (e) => { if (!cancelled) { setEvents([]); setActionError(errorMessage(e)); } },
    );
    return () => { cancelled = true; };
  }, [uid, setActionError]);

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
    if (msg.type === 'device') {
      if (msg.device.uid === uid) setDevice(msg.device);
      return;
    }
    if (msg.uid !== uid) return;
    if (msg.type === 'event') {
      // a repeated failure comes again with the same id and a higher count: update it in place
      setEvents((list) => (list?.some((e) => e.id === msg.event.id)
        ? list.map((e) => (e.id === msg.event.id ? msg.event : e))
        : [msg.event, ...(list ?? [])]));
      return;
    }
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

  // ---- actions
  function rotate() {
    if (!window.confirm(`Issue a new MQTT token for ${uid}? The current token stops working immediately.`)) return;
    void run(async () => setCredentials(await call('rotateToken', { params: { uid } })));
  }
  function remove() {
    if (!window.confirm(`Delete device ${uid} and all its data? This cannot be undone.`)) return;
    // on success the device list replaces this page: stay busy until then
    void run(async () => {
      await call('deleteDevice', { params: { uid } });
      navigate({ name: 'devices' });
    }, { keepBusy: true });
  }

  if (loadError) {
    return (
      <div className="page">
        <div className="empty" data-testid={loadError.status === 404 ? 'device-not-found' : undefined}>
          <h1>{loadError.status === 404 ? 'Device not found' : 'Could not load the device'}</h1>
          <ErrorMessage error={loadError.message} />
          <a className="btn" href="#/devices">Back to devices</a>
        </div>
      </div>
    );
  }
  if (!device) return <div className="page"><Loading /></div>;

  const customFrom = range.kind === 'custom' ? range.from : Date.now() - 3600_000;
  const customTo = range.kind === 'custom' ? range.to : Date.now();

  return (
    <div className="page" data-testid="device-page" data-uid={uid}>
      <nav className="crumbs"><a href="#/devices">Devices</a> <span aria-hidden="true">/</span> <span>{device.uid}</span></nav>
      <header className="page-head">
        <div>
          <h1 data-testid="device-title">{device.name}</h1>
          <p className="status-line" data-testid="device-status" data-status={device.status}>
            <StatusDot status={device.status} />
            <span>{statusLine(device, now)}</span>
          </p>
        </div>
        <div className="page-actions">
          {mayCall(me.role, 'rotateToken') && (
            <button type="button" className="btn" onClick={rotate} disabled={busy} data-testid="rotate-token">New token</button>
          )}
          {mayCall(me.role, 'deleteDevice') && (
            <button type="button" className="btn btn-danger" onClick={remove} disabled={busy} data-testid="delete-device">Delete</button>
          )}
        </div>
      </header>

      <ErrorMessage error={actionError} onDismiss={() => setActionError(null)} />
      {credentials && <CredentialsPanel uid={uid} credentials={credentials} onClose={() => setCredentials(null)} />}

      <div className="grid-2">
        <DeviceInfoCard device={device} now={now} canEdit={mayCall(me.role, 'updateDevice')} onSaved={setDevice} />

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
      </div>

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

      <Card title="Events" testId="events">
        {events === null ? <Loading /> : events.length === 0 ? (
          <div className="empty small">No events yet.</div>
        ) : (
          <ul className="events" data-testid="events-list">
            {events.map((e) => (
              <li key={e.id} data-testid="event-row" data-kind={e.kind}>
                <time dateTime={new Date(e.ts).toISOString()} title={formatDateTime(e.ts)}>{formatWhen(e.ts, now)}</time>
                <span className={`badge badge-${e.kind.replace(/[^a-z0-9-]/gi, '')}`}>{e.kind}</span>
                <span className="event-msg">{e.message}</span>
                {e.count > 1 && (
                  <span className="muted nowrap" data-testid="event-count" title={`last at ${formatDateTime(e.lastTs)}`}>
                    ×{e.count} in that minute
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

/** Download link for every point of a series in a range (the range is resolved when clicked). */
function csvUrl(uid: string, key: string, { from, to }: { from: number; to: number }): string {
  return `/api/devices/${encodeURIComponent(uid)}/series/${encodeURIComponent(key)}/export.csv?from=${Math.floor(from)}&to=${Math.ceil(to)}`;
}
