// Device list: search (server side), status and tag chips, sortable columns, pages of 50, a
// selection with bulk actions, live updates, and the "Add device" form.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CreateDeviceResponse, User } from '../../../core/contract/api.js';
import { allows, mayCall } from '../api.js';
import { useNow } from '../format.js';
import { Card, ErrorMessage, Loading, Notice } from '../components/common.js';
import { CredentialsPanel } from '../components/CredentialsPanel.js';
import { PendingBadge } from '../components/PendingApproval.js';
import { useSelection } from '../selection/use-selection.js';
import { AddDeviceForm } from '../components/AddDeviceForm.js';
import { DeviceTable } from '../devices-list/DeviceTable.js';
import { DeviceBulkActions } from '../devices-list/DeviceBulkActions.js';
import { FilterChips } from '../devices-list/FilterChips.js';
import { Pager } from '../devices-list/Pager.js';
import { useDeviceList } from '../devices-list/use-device-list.js';
import { FIRST_DIR, listView, pageOf, PAGE_SIZE, type ChipFilter, type Sort, type SortKey } from '../devices-list/device-filters.js';
import '../devices-list/devices-list.css';

export function DevicesPage({ me }: { me: User }) {
  const [q, setQ] = useState('');
  const [showForm, setShowForm] = useState(false);
  const [created, setCreated] = useState<CreateDeviceResponse | null>(null);
  const [filter, setFilter] = useState<ChipFilter>({ health: new Set(), tags: new Set() });
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 'asc' });
  const [page, setPage] = useState(1);
  // devices that registered by themselves and wait for an operator (LwM2M, Settings: accept new)
  const [pendingOnly, setPendingOnly] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const now = useNow(1000);
  const canAdd = mayCall(me.role, 'createDevice');
  const canBulk = mayCall(me.role, 'bulkDevices');
  const { devices, error, reload, add, drop } = useDeviceList(q);
  const tableTop = useRef<HTMLHeadingElement>(null);

  const pendingCount = useMemo(() => (devices ?? []).filter((d) => d.pending).length, [devices]);
  const listed = useMemo(() => (pendingOnly && devices ? devices.filter((d) => d.pending) : devices ?? []), [devices, pendingOnly]);
  const view = useMemo(() => listView(listed, filter, sort, now), [listed, filter, sort, now]);
  const matchingUids = useMemo(() => view.rows.map((d) => d.uid), [view.rows]);
  const selection = useSelection(matchingUids);
  const shown = pageOf(view.rows, page);

  // a new search, filter or order starts again at the first page
  useEffect(() => setPage(1), [q, filter, sort, pendingOnly]);

  const onSort = useCallback((key: SortKey) => {
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: FIRST_DIR[key] }));
  }, []);

  function onCreated(res: CreateDeviceResponse) {
    setCreated(res);
    setShowForm(false);
    add(res.device);
  }

  const filtered = q.trim() !== '' || filter.health.size > 0 || filter.tags.size > 0 || pendingOnly;
  const total = devices?.length ?? 0;
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>Devices</h1>
          <p className="muted" data-testid="device-count">
            {devices ? (filtered ? `${view.rows.length} of ${total} device${total === 1 ? '' : 's'} shown` : `${total} device${total === 1 ? '' : 's'}`) : ' '}
          </p>
        </div>
        <div className="page-actions">
          <input type="search" className="search" placeholder="Search uid, name or tag" aria-label="Search devices"
            value={q} onChange={(e) => setQ(e.target.value)} data-testid="device-search" />
          {canAdd && (
            <button type="button" className="btn btn-primary" data-testid="add-device-toggle"
              onClick={() => { setShowForm((s) => !s); setCreated(null); }}>
              {showForm ? 'Cancel' : 'Add device'}
            </button>
          )}
        </div>
      </header>

      {created && <CredentialsPanel uid={created.device.uid} credentials={created.credentials} onClose={() => setCreated(null)}
        returnFocusTo='[data-testid="add-device-toggle"]' />}
      {canAdd && showForm && <AddDeviceForm onCreated={onCreated} onCancel={() => setShowForm(false)} />}
      <ErrorMessage error={error} />
      {notice && <Notice testId="bulk-notice">{notice} <button type="button" className="link-button" onClick={() => setNotice(null)}>Dismiss</button></Notice>}

      {(pendingCount > 0 || pendingOnly) && (
        <div className="alert pending-bar" data-testid="pending-bar">
          <PendingBadge /> <span data-testid="pending-count">{pendingCount} device{pendingCount === 1 ? '' : 's'} registered by {pendingCount === 1 ? 'itself' : 'themselves'} and {pendingCount === 1 ? 'waits' : 'wait'} for approval.</span>{' '}
          <button type="button" className="btn btn-small" aria-pressed={pendingOnly} data-testid="pending-filter" onClick={() => setPendingOnly((p) => !p)}>
            {pendingOnly ? 'Show all devices' : 'Show only these'}</button>
        </div>
      )}
      {devices !== null && devices.length > 0 && <FilterChips view={view} filter={filter} onChange={setFilter} />}
      {canBulk && (
        <DeviceBulkActions selection={selection} matching={view.rows.length} devices={devices ?? []}
          mayDelete={allows(me.role, 'admin')} mayRunOperations={mayCall(me.role, 'createBatch')} fallbackFocus={() => tableTop.current}
          onDone={(text, r) => {
            setNotice(text);
            if (r.action === 'delete') drop(r.changed);
            void reload();
          }} />
      )}

      <Card className="table-card">
        <h2 className="visually-hidden" tabIndex={-1} ref={tableTop}>Device list</h2>
        {devices === null ? <Loading /> : view.rows.length === 0 ? (
          <div className="empty" data-testid="no-devices">
            {filtered ? <p>No device matches{q.trim() ? ` “${q.trim()}”` : ''}{filter.health.size || filter.tags.size ? ' the chosen filters' : ''}.</p> : (
              <>
                <p>No devices yet.</p>
                {canAdd ? <p className="muted">Use “Add device” to register one and get its MQTT credentials.</p>
                  : <p className="muted">An operator or administrator can add devices.</p>}
              </>
            )}
          </div>
        ) : (
          <>
            <DeviceTable devices={shown.items} me={me} now={now} sort={sort} onSort={onSort} selection={canBulk ? selection : undefined} />
            <Pager page={shown.page} pages={shown.pages} total={view.rows.length} size={PAGE_SIZE} onPage={setPage} noun="devices" />
          </>
        )}
      </Card>
    </div>
  );
}
