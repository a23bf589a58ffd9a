// One history entry of an operation in words: a title line, and the payload worth showing
// (request, reply, raw text) for the detail view to pretty-print. Pure, tested.
import type { OperationHistoryEntry } from '../../../core/contract/operations.js';

export interface HistoryText {
  title: string;
  /** what was sent or received, shown as JSON under the title */
  payload: { label: string; value: unknown } | null;
  /** another operation this entry points to (a retry) */
  link: { label: string; id: number } | null;
  /** how it reads: a problem, a good end, or neither */
  tone: 'bad' | 'ok' | 'plain';
}

type Detail = Record<string, unknown>;
const obj = (v: unknown): Detail => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Detail : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const attempt = (d: Detail) => (num(d['attempt']) !== null ? ` (attempt ${num(d['attempt'])})` : '');
const by = (d: Detail) => (str(d['by']) ? ` by ${str(d['by'])}` : '');
const errorText = (e: unknown) => {
  const { code, message } = obj(e);
  return [str(code), str(message)].filter(Boolean).join(': ') || 'no reason given';
};
const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

export function historyText(entry: Pick<OperationHistoryEntry, 'type' | 'detail'>): HistoryText {
  const d = obj(entry.detail);
  const plain = (title: string, payload: HistoryText['payload'] = null): HistoryText => ({ title, payload, link: null, tone: 'plain' });
  switch (entry.type) {
    case 'created': {
      const retryOf = num(d['retryOf']);
      return { title: `Created${by(d)}${retryOf !== null ? `, retrying #${retryOf}` : ''}`, payload: { label: 'Arguments', value: d['args'] ?? {} },
        link: retryOf !== null ? { label: `#${retryOf}`, id: retryOf } : null, tone: 'plain' };
    }
    case 'sent':
      return plain(`Sent to the device${attempt(d)}${str(d['via']) ? ` over ${str(d['via'])}` : ''}`, d['request'] !== undefined ? { label: 'Request', value: d['request'] } : null);
    case 'delivered':
      return plain(`Delivered: the device confirmed receipt${attempt(d)}`);
    case 'progress': {
      const done = num(d['done']);
      const total = num(d['total']);
      const count = done !== null && total !== null ? ` ${done} of ${total}` : '';
      const summary = str(d['summary']) ? ` — ${str(d['summary'])}` : '';
      return plain(`Progress${count}${summary}${d['late'] === true ? ' (arrived after the end: ignored)' : ''}`);
    }
    case 'reply':
      return d['ok'] === false
        ? { title: `Reply: failed — ${errorText(d['error'])}`, payload: { label: 'Error', value: d['error'] ?? null }, link: null, tone: 'bad' }
        : { title: 'Reply: done', payload: { label: 'Result', value: d['result'] ?? null }, link: null, tone: 'ok' };
    case 'late-reply':
      return plain(`A reply after the end (${d['ok'] === false ? `failed — ${errorText(d['error'])}` : 'done'}): kept, not applied`,
        { label: 'Late reply', value: d['ok'] === false ? d['error'] ?? null : d['result'] ?? null });
    case 'duplicate-reply':
      return plain('The same reply again: ignored');
    case 'malformed':
      return { title: `Unreadable ${str(d['what']) ?? 'message'} from the device${str(d['reason']) ? `: ${str(d['reason'])}` : ''}`,
        payload: d['raw'] !== undefined ? { label: 'As received', value: d['raw'] } : null, link: null, tone: 'bad' };
    case 'no-reply': {
      const waited = num(d['waitedMs']);
      return { title: `No reply${waited !== null ? ` within ${seconds(waited)}` : ''}${attempt(d)}`, payload: null, link: null, tone: 'bad' };
    }
    case 'requeued':
      return plain(`Back in the queue${attempt(d)}${str(d['reason']) ? `: ${str(d['reason'])}` : ''}`);
    case 'failed':
      return { title: `Failed — ${errorText(d)}`, payload: null, link: null, tone: 'bad' };
    case 'expired':
      return { title: `Expired — ${str(d['message']) ?? 'its time to live ran out'}`, payload: null, link: null, tone: 'bad' };
    case 'cancelled':
      return plain(`Cancelled${by(d)}${str(d['wasState']) ? ` while ${str(d['wasState'])}` : ''}`);
    case 'retried': {
      const id = num(d['operation']);
      return { title: `Retried${by(d)}${id !== null ? ` as #${id}` : ''}`, payload: null, link: id !== null ? { label: `#${id}`, id } : null, tone: 'plain' };
    }
  }
}

/** JSON for people: indented, and text that is JSON itself (a raw payload) unpacked first. */
export function prettyJson(value: unknown): string {
  if (typeof value === 'string') {
    try { return JSON.stringify(JSON.parse(value), null, 2); } catch { return value; }
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}
