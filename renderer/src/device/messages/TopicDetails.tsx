// One topic: its last payload in the chosen view, its flags, count and rate, and its last
// messages, each with what changed against the one before.
import { useMemo, useState } from 'react';
import { MAX_PAYLOAD_SHOWN, type DeviceMessage } from '../../../../core/contract/device-messages.js';
import { formatDateTime } from '../../format.js';
import type { Received, TopicEntry } from './explorer-state.js';
import { defaultView, formatBytes, formatPayload, payloadViews, type PayloadView } from './payload-format.js';
import { arrivalsInWindow, formatRate, ratePerSecond } from './rate.js';
import { changed, lineDiff } from './line-diff.js';

const directionText = { 'from-device': 'from the device', 'to-device': 'to the device' } as const;

export function TopicDetails({ entry, now }: { entry: TopicEntry; now: number }) {
  const [chosen, setChosen] = useState<PayloadView | null>(null);
  const last = entry.history[0]!;
  const view = chosen ?? defaultView(last.message);
  const shown = formatPayload(last.message, view);
  const inLastMinute = arrivalsInWindow(entry.arrivals, now);

  return (
    <div className="mx-details" data-testid="topic-details" data-topic={entry.topic}>
      <h3 className="mx-topic"><code>{entry.topic}</code></h3>
      <dl className="mx-facts">
        <div><dt>Retained</dt><dd data-testid="details-retained">{entry.retained ? 'yes' : 'no'}</dd></div>
        <div><dt>QoS</dt><dd data-testid="details-qos">{last.message.qos}</dd></div>
        <div><dt>Messages</dt><dd data-testid="details-count">{entry.count}</dd></div>
        <div><dt>Rate</dt><dd data-testid="details-rate" title={`${inLastMinute} in the last minute`}>{formatRate(ratePerSecond(entry.arrivals, now))}</dd></div>
        <div><dt>Last</dt><dd>{whenText(last)}</dd></div>
        <div><dt>Size</dt><dd>{sizeText(last.message)}</dd></div>
        {last.message.direction && <div><dt>Direction</dt><dd>{directionText[last.message.direction]}</dd></div>}
      </dl>
      <div className="mx-views" role="group" aria-label="Show the payload as">
        {payloadViews.map((v) => (
          <button key={v.id} type="button" className="btn btn-small" aria-pressed={shown.view === v.id} data-testid={`view-${v.id}`}
            onClick={() => setChosen(v.id)}>{v.label}</button>
        ))}
      </div>
      {shown.note && <p className="hint" data-testid="payload-note">{shown.note}</p>}
      <pre className="mx-payload" data-testid="message-payload" data-view={shown.view} tabIndex={0} aria-label="Last payload">{shown.text}</pre>
      {entry.history.length > 1 && <LatestChange newer={last.message} older={entry.history[1]!.message} view={view} />}
      <h4 className="mx-history-title">Last {entry.history.length} message{entry.history.length === 1 ? '' : 's'}</h4>
      <ol className="mx-history" data-testid="topic-history">
        {entry.history.map((r, i) => <HistoryItem key={r.seq} received={r} previous={entry.history[i + 1]} view={view} />)}
      </ol>
    </div>
  );
}

function whenText(r: Received): string {
  if (r.message.ts === null) return 'stored (retained), time unknown';
  return formatDateTime(r.message.ts);
}

function sizeText(m: DeviceMessage): string {
  return m.truncated ? `${formatBytes(m.size)} (first ${formatBytes(MAX_PAYLOAD_SHOWN)} shown)` : formatBytes(m.size);
}

function LatestChange({ newer, older, view }: { newer: DeviceMessage; older: DeviceMessage; view: PayloadView }) {
  const diff = useMemo(() => lineDiff(formatPayload(older, view).text, formatPayload(newer, view).text), [newer, older, view]);
  return (
    <div className="mx-change">
      <h4>Changes since the previous message</h4>
      <DiffView diff={diff} />
    </div>
  );
}

function DiffView({ diff }: { diff: ReturnType<typeof lineDiff> }) {
  if (diff === null) return <p className="hint">Too large to compare line by line.</p>;
  if (!changed(diff)) return <p className="hint" data-testid="diff-same">Same payload as the previous message.</p>;
  return (
    <pre className="mx-diff" data-testid="message-diff" tabIndex={0} aria-label="Line changes">
      {diff.map((l, i) => (
        <span key={i} className={`mx-diff-${l.op}`}>
          {l.op === 'add' ? '+ ' : l.op === 'del' ? '- ' : '  '}{l.text}{'\n'}
        </span>
      ))}
    </pre>
  );
}

function HistoryItem({ received, previous, view }: { received: Received; previous: Received | undefined; view: PayloadView }) {
  const [open, setOpen] = useState(false);
  const m = received.message;
  const id = `mx-history-${received.seq}`;
  return (
    <li data-testid="history-item">
      <button type="button" className="mx-history-head" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        <span>{m.ts === null ? 'stored (retained)' : formatDateTime(m.ts)}</span>
        <span className="muted">{formatBytes(m.size)} · QoS {m.qos}{m.retain ? ' · retain' : ''}{m.direction === 'to-device' ? ' · to the device' : ''}</span>
      </button>
      {open && (
        <div id={id} className="mx-history-body">
          <pre className="mx-payload">{formatPayload(m, view).text}</pre>
          {previous ? <><h5>Against the one before</h5><DiffView diff={lineDiff(formatPayload(previous.message, view).text, formatPayload(m, view).text)} /></>
            : <p className="hint">The first message seen on this topic.</p>}
        </div>
      )}
    </li>
  );
}
