// The coloured bands of a state timeline, drawn with the chart's own time scale (one rect per run).
import { usePlotArea, useXAxisScale } from 'recharts';
import type { StateSegment } from '../../../core/contract/api.js';
import { stateColor, stateLabel } from './layout.js';

/** labels are written into bands at least this wide (px) */
const LABEL_MIN_PX = 44;

/**
 * until: where the last run ends on screen. A state holds until the next point says otherwise,
 * so callers pass "now" (capped at the window end), as Home Assistant's history does.
 */
export function StateBands({ segments, from, to, until }: { segments: readonly StateSegment[]; from: number; to: number; until: number }) {
  const plot = usePlotArea();
  const x = useXAxisScale();
  if (!plot || !x) return null;
  return (
    <g className="tchart-bands">
      {segments.map((s, i) => {
        const end = i === segments.length - 1 ? Math.max(s.to, Math.min(until, to)) : s.to;
        const a = x(Math.max(from, s.from)), b = x(Math.min(to, end));
        if (a === undefined || b === undefined || s.to < from || s.from > to) return null;
        // a run that is a single point still gets a visible sliver
        const width = Math.max(1.5, b - a);
        const label = stateLabel(s.value);
        return (
          <g key={s.from} data-value={label}>
            <rect className="tchart-band" x={a} y={plot.y} width={width} height={plot.height} fill={stateColor(s.value)}
              fillOpacity={s.value === null ? 0.25 : 0.5}>
              <title>{`${label} · ${s.count} point${s.count === 1 ? '' : 's'}`}</title>
            </rect>
            {width >= LABEL_MIN_PX && (
              <text x={a + 6} y={plot.y + plot.height / 2} dominantBaseline="central" className="tchart-band-label" pointerEvents="none">
                {label.length * 7 > width - 10 ? `${label.slice(0, Math.max(1, Math.floor((width - 16) / 7)))}…` : label}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}
