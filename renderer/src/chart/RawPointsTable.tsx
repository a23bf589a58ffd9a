// The raw points of one series under the chart: newest first, a page at a time (keyset cursors
// from the server), reloaded when told that new points arrived while the newest page is shown.
import { useEffect, useState } from 'react';
import type { RawPointsResponse } from '../../../core/contract/api.js';
import { formatDateTime, formatValue } from '../format.js';
import { ErrorMessage } from '../components/common.js';

export type Cursor = { before: number; beforeId: number } | null;
export type FetchRawPage = (cursor: Cursor, limit: number, signal: AbortSignal) => Promise<RawPointsResponse>;

export function RawPointsTable({ seriesKey, unit, fetchPage, reloadToken, describeError, pageSize = 20 }: {
  /** a new key starts again at the newest page */
  seriesKey: string; unit: string | null; fetchPage: FetchRawPage; reloadToken: number;
  describeError: (e: unknown) => string; pageSize?: number;
}) {
  // cursors of the pages visited: [null] is the newest page
  const [trail, setTrail] = useState<Cursor[]>([null]);
  const [page, setPage] = useState<RawPointsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setTrail([null]); setPage(null); }, [seriesKey]);
  const cursor = trail.at(-1) ?? null;
  const onNewest = trail.length === 1;
  // new points change only the newest page; older pages stay as they are while read
  const token = onNewest ? reloadToken : 0;

  useEffect(() => {
    const ac = new AbortController();
    fetchPage(cursor, pageSize, ac.signal).then(
      (p) => { if (!ac.signal.aborted) { setPage(p); setError(null); } },
      (e: unknown) => { if (!ac.signal.aborted) setError(describeError(e)); },
    );
    return () => ac.abort();
    // fetchPage is recreated by callers each render; the series key and cursor say what to fetch
  }, [seriesKey, cursor?.before, cursor?.beforeId, pageSize, token]);

  const u = unit ? ` ${unit}` : '';
  return (
    <div className="raw-points" data-testid="raw-points" data-page={trail.length}>
      <div className="raw-points-head">
        <h3>Raw points <span className="muted">· {seriesKey}, newest first</span></h3>
        <div className="raw-points-nav" role="group" aria-label="Raw points pages">
          <button type="button" className="btn btn-small" data-testid="raw-newest" disabled={onNewest} onClick={() => setTrail([null])}>Newest</button>
          <button type="button" className="btn btn-small" data-testid="raw-newer" disabled={onNewest} onClick={() => setTrail((t) => t.slice(0, -1))}>Newer</button>
          <span className="muted raw-points-pageno" data-testid="raw-page">page {trail.length}</span>
          <button type="button" className="btn btn-small" data-testid="raw-older" disabled={!page?.next}
            onClick={() => { const next = page?.next; if (next) setTrail((t) => [...t, next]); }}>Older</button>
        </div>
      </div>
      <ErrorMessage error={error} />
      {page && page.points.length === 0 ? (
        <div className="empty small">No points.</div>
      ) : (
        <table className="table compact raw-points-table">
          <thead><tr><th>Device time</th><th className="num">Value</th></tr></thead>
          <tbody>
            {(page?.points ?? []).map((p) => (
              <tr key={p.id} data-testid="raw-row" data-ts={p.ts}>
                <td className="nowrap">{formatDateTime(p.ts)}</td>
                <td className="num">{formatValue(p.value)}{typeof p.value === 'number' ? u : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
