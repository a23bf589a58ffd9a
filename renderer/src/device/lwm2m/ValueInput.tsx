// An input typed by the resource's model: number (integer/float, checked against the range),
// a true/false choice for booleans, datetime for time, "3:0" for object links, text otherwise.
import type { Lwm2mResourceModel } from '../../../../core/contract/lwm2m-models.js';

export function ValueInput({ model, id, value, onChange, invalid, describedBy }: {
  model: Lwm2mResourceModel; id: string; value: string; onChange(v: string): void; invalid: boolean; describedBy?: string;
}) {
  const common = { id, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy, 'data-testid': 'lw-write-value' } as const;
  switch (model.type) {
    case 'boolean':
      return (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="true">true (on)</option>
          <option value="false">false (off)</option>
        </select>
      );
    case 'integer': case 'unsignedInteger': case 'float':
      return <input {...common} type="text" inputMode={model.type === 'float' ? 'decimal' : 'numeric'} value={value} onChange={(e) => onChange(e.target.value)} />;
    case 'time':
      return <input {...common} type="datetime-local" step={1} value={value} onChange={(e) => onChange(e.target.value)} />;
    case 'objlnk':
      return <input {...common} type="text" placeholder="3:0" value={value} onChange={(e) => onChange(e.target.value)} />;
    default:
      return <input {...common} type="text" value={value} onChange={(e) => onChange(e.target.value)} />;
  }
}

/** What the input starts with: the current value in the input's own format. */
export function initialText(model: Lwm2mResourceModel, current: string | number | boolean | undefined): string {
  if (model.type === 'boolean') return current === true ? 'true' : 'false';
  if (current === undefined) return '';
  if (model.type === 'time' && typeof current === 'number') {
    const d = new Date(current * 1000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }
  return String(current);
}
