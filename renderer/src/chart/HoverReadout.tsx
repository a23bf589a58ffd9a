// The values under the pointer: time and each shown series' nearest value (or state) at it.
import { formatDateTime, formatValue } from '../format.js';
import { useHover, type HoverStore } from './hover.js';
import { stateLabel } from './layout.js';
import { nearestRow } from './rows.js';
import type { ChartSeries } from './types.js';
import type { PreparedLine } from './TimeChart.js';

export function HoverReadout({ hover, lines, states }: { hover: HoverStore; lines: readonly PreparedLine[]; states: readonly ChartSeries[] }) {
  const ts = useHover(hover);
  if (ts === null) return <div className="tchart-readout muted" aria-hidden="true">Point at the chart to read values; drag to zoom.</div>;
  return (
    <div className="tchart-readout" data-testid="chart-readout" aria-live="off">
      <span className="tchart-readout-time">{formatDateTime(ts)}</span>
      {lines.map((l) => {
        const r = l.rows[nearestRow(l.rows, ts)];
        if (!r || r.avg === null) return null;
        const range = r.count > 1 && r.band ? ` (${formatValue(r.band[0])}–${formatValue(r.band[1])})` : '';
        return (
          <span key={l.series.id}><span className="tchart-swatch" style={{ background: l.color }} /> {l.series.label}{' '}
            <strong>{formatValue(r.avg)}{l.series.unit ? ` ${l.series.unit}` : ''}</strong>{range}</span>
        );
      })}
      {states.map((s) => {
        const segs = s.segments ?? [];
        // the last run holds until now, as the timeline draws it
        const seg = segs.find((g, i) => g.from <= ts && (ts <= g.to || (i === segs.length - 1 && ts <= Date.now()))) ?? null;
        return seg && <span key={s.id}>{s.label} <strong>{stateLabel(seg.value)}</strong></span>;
      })}
    </div>
  );
}
