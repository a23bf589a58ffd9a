// Pan, reset and follow-live buttons for a chart view.
import type { ChartViewControls } from './use-chart-view.js';

export function ChartToolbar({ controls }: { controls: ChartViewControls }) {
  const { view, changed } = controls;
  return (
    <div className="tchart-toolbar" role="group" aria-label="Chart view">
      <button type="button" className="btn btn-small" data-testid="chart-pan-back" aria-label="Earlier by one range"
        title="Earlier by one range (←)" onClick={() => controls.pan(-1)}>◀</button>
      <button type="button" className="btn btn-small" data-testid="chart-pan-forward" aria-label="Later by one range"
        title="Later by one range (→)" disabled={view.follow} onClick={() => controls.pan(1)}>▶</button>
      <button type="button" className="btn btn-small" data-testid="chart-reset" disabled={!changed}
        title="Back to the chosen range (Esc)" onClick={() => controls.reset()}>Reset zoom</button>
      <button type="button" className={`btn btn-small tchart-follow ${view.follow ? 'on' : ''}`} data-testid="chart-follow"
        aria-pressed={view.follow} title="Keep the right edge at now" onClick={() => controls.setFollow(!view.follow)}>
        <span className="tchart-live-dot" aria-hidden="true" /> Follow live
      </button>
    </div>
  );
}
