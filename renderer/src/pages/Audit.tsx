// Audit log (admin only).
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../core/contract/api.js';
import { call, errorMessage } from '../api.js';
import { formatDateTime } from '../format.js';
import { Card, ErrorMessage, Loading } from '../components/common.js';

export function AuditPage() {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [limit, setLimit] = useState(200);

  useEffect(() => {
    let cancelled = false;
    call('listAudit', { query: { limit } }).then(
      (e) => { if (!cancelled) { setEntries(e); setError(null); } },
      (e) => { if (!cancelled) setError(errorMessage(e)); },
    );
    return () => { cancelled = true; };
  }, [limit]);

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>Audit log</h1>
          <p className="muted">Who changed what, newest first.</p>
        </div>
        <div className="page-actions">
          <label className="inline-label">Show
            <select value={limit} onChange={(e) => setLimit(Number(e.target.value))} data-testid="audit-limit">
              {[50, 200, 1000].map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
        </div>
      </header>
      <ErrorMessage error={error} />
      <Card className="table-card">
        {entries === null ? <Loading /> : entries.length === 0 ? <div className="empty">Nothing logged yet.</div> : (
          <table className="table" data-testid="audit-table">
            <thead><tr><th>Time</th><th>Actor</th><th>Action</th><th>Target</th><th>Detail</th><th>From</th></tr></thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                  <td className="nowrap">{formatDateTime(e.ts)}</td>
                  <td>{e.actor}</td>
                  <td className="nowrap"><code>{e.action}</code>{e.count > 1 && (
                    <span className="muted" data-testid="audit-count" title={`last at ${formatDateTime(e.lastTs)}`}> ×{e.count}</span>
                  )}</td>
                  <td className="nowrap">{e.target ?? <span className="muted">—</span>}</td>
                  <td className="detail">{e.detail === null || e.detail === undefined ? <span className="muted">—</span> : <code>{JSON.stringify(e.detail)}</code>}</td>
                  <td className="nowrap">{e.source ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
