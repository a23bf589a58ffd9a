// From / To fields of a filter form (audit log, operations): local date and time, empty = open.
import { fromLocalInput, toLocalInput } from '../format.js';

export interface TimeRange {
  from: number | null;
  to: number | null;
}

export function TimeRangeFields({ value, onChange, testIdPrefix }: {
  value: TimeRange; onChange(range: TimeRange): void; testIdPrefix: string;
}) {
  return (
    <>
      <label>From
        <input type="datetime-local" value={value.from === null ? '' : toLocalInput(value.from)}
          onChange={(e) => onChange({ from: fromLocalInput(e.target.value), to: value.to })} data-testid={`${testIdPrefix}-from`} />
      </label>
      <label>To
        <input type="datetime-local" value={value.to === null ? '' : toLocalInput(value.to)}
          onChange={(e) => onChange({ from: value.from, to: fromLocalInput(e.target.value) })} data-testid={`${testIdPrefix}-to`} />
      </label>
    </>
  );
}
