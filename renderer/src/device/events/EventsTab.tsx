// A device's events, newest first, updated live; fetched again after the live stream was away.
import { useEffect, useState } from 'react';
import type { DeviceEvent } from '../../../../core/contract/api.js';
import { call, errorMessage } from '../../api.js';
import { useLive, useReconnects } from '../../live.js';
import { formatDateTime, formatWhen } from '../../format.js';
import { Card, ErrorMessage, Loading } from '../../components/common.js';
import type { DeviceTabProps } from '../tabs.js';

export function EventsTab({ uid, now }: DeviceTabProps) {
  const [events, setEvents] = useState<DeviceEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reconnects = useReconnects();

  useEffect(() => {
    let cancelled = false;
    call('listEvents', { params: { uid } }).then(
      (ev) => { if (!cancelled) { setEvents(ev); setError(null); } },
      (e) => { if (!cancelled) { setEvents((l) => l ?? []); setError(errorMessage(e)); } },
    );
    return () => { cancelled = true; };
  }, [uid, reconnects]);

  useLive((msg) => {
    if (msg.type !== 'event' || msg.uid !== uid) return;
    // a repeated failure comes again with the same id and a higher count: update it in place
    setEvents((list) => (list?.some((e) => e.id === msg.event.id)
      ? list.map((e) => (e.id === msg.event.id ? msg.event : e))
      : [msg.event, ...(list ?? [])]));
  });

  return (
    <Card title="Events" testId="events">
      <ErrorMessage error={error} />
      {events === null ? <Loading /> : events.length === 0 ? (
        <div className="empty small">No events yet.</div>
      ) : (
        <ul className="events" data-testid="events-list">
          {events.map((e) => (
            <li key={e.id} data-testid="event-row" data-kind={e.kind}>
              <time dateTime={new Date(e.ts).toISOString()} title={formatDateTime(e.ts)}>{formatWhen(e.ts, now)}</time>
              <span className={`badge badge-${e.kind.replace(/[^a-z0-9-]/gi, '')}`}>{e.kind}</span>
              <span className="event-msg">{e.message}</span>
              {e.count > 1 && (
                <span className="muted nowrap" data-testid="event-count" title={`last at ${formatDateTime(e.lastTs)}`}>
                  ×{e.count} in that minute
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
