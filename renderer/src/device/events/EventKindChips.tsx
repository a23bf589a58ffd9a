// Which groups of event kinds the list shows: toggle buttons; none pressed shows every kind.
import { EventGroup } from '../../../../core/contract/api.js';
import { GROUP_LABEL } from '../../../../core/contract/event-kinds.js';

export function EventKindChips({ groups, onChange }: { groups: ReadonlySet<EventGroup>; onChange(g: Set<EventGroup>): void }) {
  return (
    <div role="group" aria-label="Show kinds of events" className="event-kinds" data-testid="event-kinds">
      {EventGroup.options.map((g) => (
        <button key={g} type="button" className="chip" aria-pressed={groups.has(g)} data-testid={`event-kind-${g}`}
          onClick={() => {
            const next = new Set(groups);
            if (next.has(g)) next.delete(g); else next.add(g);
            onChange(next);
          }}>
          {GROUP_LABEL[g]}
        </button>
      ))}
    </div>
  );
}
