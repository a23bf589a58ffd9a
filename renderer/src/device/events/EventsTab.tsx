// A device's events, newest first, updated live; fetched again after the live stream was away.
// Filter by kind (device messages, status changes, refusals), status flaps folded into one row,
// older events loaded on demand.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DeviceEvent, EventGroup } from '../../../../core/contract/api.js';
import { eventGroup } from '../../../../core/contract/event-kinds.js';
import { call, errorMessage } from '../../api.js';
import { useLive, useReconnects } from '../../live.js';
import { formatDateTime, formatWhen } from '../../format.js';
import { Card, ErrorMessage, Loading } from '../../components/common.js';
import type { DeviceTabProps } from '../tabs.js';
import { EventKindChips } from './EventKindChips.js';
import { coalesceFlaps, type EventRow } from './coalesce-flaps.js';
import './events.css';

const PAGE = 100;

export function EventsTab({ uid, now }: DeviceTabProps) {
  const [events, setEvents] = useState<DeviceEvent[] | null>(null);
  const [more, setMore] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [groups, setGroups] = useState<Set<EventGroup>>(() => new Set());
  const reconnects = useReconnects();
  const seq = useRef(0);
  const groupsParam = [...groups].sort().join(',') || undefined;

  useEffect(() => {
    const my = ++seq.current;
    call('listEvents', { params: { uid }, query: { limit: PAGE, groups: groupsParam } }).then(
      (ev) => { if (my === seq.current) { setEvents(ev); setMore(ev.length === PAGE); setError(null); } },
      (e) => { if (my === seq.current) { setEvents((l) => l ?? []); setError(errorMessage(e)); } },
    );
  }, [uid, reconnects, groupsParam]);

  const loadOlder = async () => {
    const last = events?.at(-1);
    if (!last) return;
    const my = seq.current;
    setLoadingOlder(true);
    try {
      const older = await call('listEvents', { params: { uid }, query: { limit: PAGE, groups: groupsParam, before: last.id } });
      if (my !== seq.current) return;
      setEvents((list) => [...(list ?? []), ...older]);
      setMore(older.length === PAGE);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoadingOlder(false);
    }
  };

  useLive((msg) => {
    if (msg.type !== 'event' || msg.uid !== uid) return;
    if (groups.size > 0 && !groups.has(eventGroup(msg.event.kind))) return;
    // a repeated failure comes again with the same id and a higher count: update it in place
    setEvents((list) => (list?.some((e) => e.id === msg.event.id)
      ? list.map((e) => (e.id === msg.event.id ? msg.event : e))
      : [msg.event, ...(list ?? [])]));
  });

  const rows = useMemo(() => coalesceFlaps(events ?? []), [events]);

  return (
    <Card title="Events" testId="events">
      <EventKindChips groups={groups} onChange={setGroups} />
      <ErrorMessage error={error} />
      {events === null ? <Loading /> : events.length === 0 ? (
        <div className="empty small" data-testid="events-empty">{groups.size ? 'No events of these kinds.' : 'No events yet.'}</div>
      ) : (
        <>
          <ul className="events" data-testid="events-list">
            {rows.map((r) => <EventLine key={r.key} row={r} now={now} />)}
          </ul>
          <div className="events-more">
            <span className="muted" data-testid="events-shown">{events.length} event{events.length === 1 ? '' : 's'} shown</span>
            {more && (
              <button type="button" className="btn btn-small" onClick={() => void loadOlder()} disabled={loadingOlder} data-testid="events-load-older">
                {loadingOlder ? 'Loading…' : 'Load older'}
              </button>
            )}
          </div>
        </>
      )}
    </Card>
  );
}

function Time({ ts, now }: { ts: number; now: number }) {
  return <time dateTime={new Date(ts).toISOString()} title={formatDateTime(ts)}>{formatWhen(ts, now)}</time>;
}

function SingleEvent({ e, now }: { e: DeviceEvent; now: number }) {
  return (
    <>
      <Time ts={e.ts} now={now} />
      <span className={`badge badge-${e.kind.replace(/[^a-z0-9-]/gi, '')}`}>{e.kind}</span>
      <span className="event-msg">{e.message}
        {e.count > 1 && (
          <span className="muted nowrap" data-testid="event-count" title={`last at ${formatDateTime(e.lastTs)}`}> ×{e.count} in that minute</span>
        )}
      </span>
    </>
  );
}

function EventLine({ row, now }: { row: EventRow; now: number }) {
  if (row.type === 'event') {
    return <li data-testid="event-row" data-kind={row.event.kind}><SingleEvent e={row.event} now={now} /></li>;
  }
  const what = row.reconnects > 0 ? `reconnected ${row.reconnects} time${row.reconnects === 1 ? '' : 's'}` : `went offline ${row.disconnects} times`;
  return (
    <li className="flaps" data-testid="event-flaps" data-kind="flaps">
      <details>
        <summary>
          <Time ts={row.to} now={now} />
          <span className="badge">status</span>
          <span className="event-msg" data-testid="event-flaps-text">
            {what} between {formatWhen(row.from, now)} and {formatWhen(row.to, now)}
          </span>
        </summary>
        <ul>
          {row.events.map((e) => <li key={e.id} data-testid="event-row" data-kind={e.kind}><SingleEvent e={e} now={now} /></li>)}
        </ul>
      </details>
    </li>
  );
}
