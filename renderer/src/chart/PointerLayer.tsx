// Drag to zoom and hover, drawn inside a recharts chart: a transparent rect over the plot area
// maps pointer x to time with the chart's own scale. Its state is its own, so a drag or a hover
// re-renders this layer, not the chart's lines.
import { useState, type PointerEvent } from 'react';
import { usePlotArea, useXAxisInverseScale, useXAxisScale } from 'recharts';
import { useHover, type HoverStore } from './hover.js';

/** a drag shorter than this (px) is a click, not a zoom */
const MIN_DRAG_PX = 6;

export function PointerLayer({ hover, onZoom }: { hover: HoverStore; onZoom?: ((from: number, to: number) => void) | undefined }) {
  const plot = usePlotArea();
  const toTime = useXAxisInverseScale();
  const toPx = useXAxisScale();
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  const hoverTs = useHover(hover);
  if (!plot || !toTime || !toPx) return null;
  const clamp = (x: number) => Math.min(plot.x + plot.width, Math.max(plot.x, x));
  const xOf = (e: PointerEvent<SVGRectElement>) => {
    const svg = e.currentTarget.ownerSVGElement;
    return clamp(e.clientX - (svg ? svg.getBoundingClientRect().left : 0));
  };
  const hoverX = hoverTs === null ? undefined : toPx(hoverTs);
  return (
    <g className="tchart-pointer">
      {hoverX !== undefined && hoverX >= plot.x && hoverX <= plot.x + plot.width && (
        <line x1={hoverX} x2={hoverX} y1={plot.y} y2={plot.y + plot.height} stroke="var(--muted)" strokeDasharray="3 3" pointerEvents="none" />
      )}
      {drag && (
        <rect data-testid="zoom-selection" x={Math.min(drag.x0, drag.x1)} y={plot.y} width={Math.abs(drag.x1 - drag.x0)} height={plot.height}
          fill="var(--accent)" fillOpacity={0.15} stroke="var(--accent)" strokeOpacity={0.5} pointerEvents="none" />
      )}
      <rect className="tchart-hit" x={plot.x} y={plot.y} width={plot.width} height={plot.height} fill="transparent"
        onPointerDown={(e) => {
          if (!onZoom || e.button !== 0) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          const x = xOf(e);
          setDrag({ x0: x, x1: x });
        }}
        onPointerMove={(e) => {
          const x = xOf(e);
          hover.set(Number(toTime(x)));
          if (drag) setDrag({ x0: drag.x0, x1: x });
        }}
        onPointerUp={(e) => {
          if (!drag) return;
          const x = xOf(e);
          setDrag(null);
          if (Math.abs(x - drag.x0) >= MIN_DRAG_PX) onZoom?.(Number(toTime(drag.x0)), Number(toTime(x)));
        }}
        onPointerCancel={() => setDrag(null)}
        onPointerLeave={() => { if (!drag) hover.set(null); }}
      />
    </g>
  );
}
