// Filter chips above the device list: one per status (deviceHealth) and one per tag present, each
// with how many devices it would show. Toggle buttons (aria-pressed), so keyboard and screen readers work.
import type { Health } from '../../../core/contract/device-health.js';
import { HEALTHS, type ChipFilter, type ListView } from './device-filters.js';
import { HEALTH_LABEL } from '../status-words.js';

const TAGS_SHOWN = 24;

function Chip({ label, count, pressed, onClick, testId, className = '' }: {
  label: string; count: number; pressed: boolean; onClick(): void; testId: string; className?: string;
}) {
  return (
    <button type="button" className={`chip ${className}`} aria-pressed={pressed} onClick={onClick} data-testid={testId}>
      <span>{label}</span> <span className="chip-count" data-testid="chip-count">{count}</span>
    </button>
  );
}

const toggled = <T,>(set: ReadonlySet<T>, v: T): Set<T> => {
  const next = new Set(set);
  if (next.has(v)) next.delete(v); else next.add(v);
  return next;
};

export function FilterChips({ view, filter, onChange }: { view: ListView; filter: ChipFilter; onChange(f: ChipFilter): void }) {
  const tags = view.tagCounts.filter(([t], i) => i < TAGS_SHOWN || filter.tags.has(t));
  const any = filter.health.size > 0 || filter.tags.size > 0;
  return (
    <div className="filter-chips" data-testid="filter-chips">
      <div role="group" aria-label="Filter by status" className="chip-group">
        <span className="chip-group-label">Status</span>
        {HEALTHS.map((h: Health) => (
          <Chip key={h} label={HEALTH_LABEL[h]} count={view.healthCounts[h]} pressed={filter.health.has(h)}
            className={`chip-health chip-${h}`} testId={`chip-status-${h}`}
            onClick={() => onChange({ ...filter, health: toggled(filter.health, h) })} />
        ))}
      </div>
      {tags.length > 0 && (
        <div role="group" aria-label="Filter by tag" className="chip-group">
          <span className="chip-group-label">Tags</span>
          {tags.map(([t, n]) => (
            <Chip key={t} label={t} count={n} pressed={filter.tags.has(t)} testId={`chip-tag-${t}`}
              onClick={() => onChange({ ...filter, tags: toggled(filter.tags, t) })} />
          ))}
          {view.tagCounts.length > tags.length && <span className="muted small-note">and {view.tagCounts.length - tags.length} more (search finds them)</span>}
        </div>
      )}
      {any && (
        <button type="button" className="link-button" data-testid="chips-clear"
          onClick={() => onChange({ health: new Set(), tags: new Set() })}>Clear filters</button>
      )}
    </div>
  );
}
