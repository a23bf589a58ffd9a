// Legend of a chart: one toggle button per series (keyboard-operable, aria-pressed), with its colour.
import type { ChartSeries } from './types.js';

export function ChartLegend({ series, colors, hidden, onToggle }: {
  series: readonly ChartSeries[]; colors: ReadonlyMap<string, string>; hidden: ReadonlySet<string>; onToggle: (id: string) => void;
}) {
  return (
    <div className="tchart-legend" role="group" aria-label="Series shown">
      {series.map((s) => (
        <button key={s.id} type="button" className="tchart-legend-item" aria-pressed={!hidden.has(s.id)}
          data-testid={`legend-${s.id}`} title={hidden.has(s.id) ? `Show ${s.label}` : `Hide ${s.label}`}
          onClick={() => onToggle(s.id)}>
          <span className={`tchart-swatch ${s.kind === 'state' ? 'state' : ''}`} style={{ background: colors.get(s.id) }} aria-hidden="true" />
          {s.label}{s.unit ? <span className="muted"> ({s.unit})</span> : null}
        </button>
      ))}
    </div>
  );
}
