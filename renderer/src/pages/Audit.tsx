// Audit log (admin only): filters (actor, action, time range), newest first in pages that load
// older entries on demand, and each entry's detail in words.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry, AuditFacets } from '../../../core/contract/api.js';
import { call, errorMessage } from '../api.js';
import { useReconnects } from '../live.js';
import { formatDateTime } from '../format.js';
import { Card, ErrorMessage, Loading } from '../components/common.js';
import { AuditFilters, NO_AUDIT_FILTER, type AuditFilterValues } from '../audit/AuditFilters.js';
import { auditDetailText } from '../audit/audit-detail.js';
import '../audit/audit.css';

const PAGE = 100;

export function AuditPage() {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<AuditFilterValues>(NO_AUDIT_FILTER);
  const [facets, setFacets] = useState<AuditFacets | null>(null);
  const reconnects = useReconnects();
  const seq = useRef(0);

  const query = useCallback((before?: number) => ({
    limit: PAGE, before,
    actor: filter.actor.trim() || undefined,
    action: filter.action || undefined,
    from: filter.from ?? undefined,
    // "To 10:05" includes 10:05:59: the picker has minutes, the query an exclusive end
    to: filter.to === null ? undefined : filter.to + 60_000,
  }), [filter]);

  // the first page again on every filter change and after the live stream was away
  useEffect(() => {
    const my = ++seq.current;
    const t = setTimeout(() => {
      call('listAudit', { query: query() }).then(
        (e) => { if (my === seq.current) { setEntries(e); setMore(e.length === PAGE); setError(null); } },
        (e) => { if (my === seq.current) setError(errorMessage(e)); },
      );
    }, filter.actor ? 250 : 0);
    return () => clearTimeout(t);
  }, [query, filter.actor, reconnects]);

  useEffect(() => {
    call('auditFacets').then(setFacets, () => setFacets(null));
  }, [reconnects]);

  const loadOlder = async () => {
    const last = entries?.at(-1);
    if (!last) return;
    const my = seq.current;
    setLoadingOlder(true);
    try {
      const older = await call('listAudit', { query: query(last.id) });
      if (my !== seq.current) return; // the filters changed meanwhile
      setEntries((list) => [...(list ?? []), ...older]);
      setMore(older.length === PAGE);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoadingOlder(false);
    }
  };

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>Audit log</h1>
          <p className="muted">Who changed what, newest first.</p>
        </div>
      </header>
      <AuditFilters value={filter} facets={facets} onChange={setFilter} />
      <ErrorMessage error={error} />
      <Card className="table-card">
        {entries === null ? <Loading /> : entries.length === 0 ? (
          <div className="empty" data-testid="audit-empty">{filter === NO_AUDIT_FILTER ? 'Nothing logged yet.' : 'No entry matches these filters.'}</div>
        ) : (
          <>
            <table className="table" data-testid="audit-table">
              <thead><tr><th>Time</th><th>Actor</th><th>Action</th><th>Target</th><th>Detail</th><th>From</th></tr></thead>
              <tbody>
                {entries.map((e) => <AuditRow key={e.id} entry={e} />)}
              </tbody>
            </table>
            <div className="audit-more">
              <span className="muted" data-testid="audit-shown">{entries.length} entr{entries.length === 1 ? 'y' : 'ies'} shown{more ? '' : ' (all)'}</span>
              {more && (
                <button type="button" className="btn btn-small" onClick={() => void loadOlder()} disabled={loadingOlder} data-testid="audit-load-older">
                  {loadingOlder ? 'Loading…' : `Load ${PAGE} older`}
                </button>
              )}
            </div>
          </>
        )}
      </Card>
    </div>
  );
}

function AuditRow({ entry: e }: { entry: AuditEntry }) {
  const text = auditDetailText(e.action, e.detail);
  return (
    <tr data-testid="audit-row" data-action={e.action} data-id={e.id}>
      <td className="nowrap">{formatDateTime(e.ts)}</td>
      <td>{e.actor}</td>
      <td className="nowrap"><code>{e.action}</code>{e.count > 1 && (
        <span className="muted" data-testid="audit-count" title={`last at ${formatDateTime(e.lastTs)}`}> ×{e.count}</span>
      )}</td>
      <td className="nowrap">{e.target ?? <span className="muted">—</span>}</td>
      <td className="detail" data-testid="audit-detail">{text || <span className="muted">—</span>}</td>
      <td className="nowrap">{e.source ?? <span className="muted">—</span>}</td>
    </tr>
  );
}
