// Device list with server-side search, live status, and the "Add device" form.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CreateDeviceResponse, Device, User } from '../../../core/contract/api.js';
import { call, errorMessage, mayCall } from '../api.js';
import { useLive, useReconnects } from '../live.js';
import { href } from '../router.js';
import { formatDateTime, relativeTime, statusLabel, useNow } from '../format.js';
import { Card, ErrorMessage, Loading, StatusDot, Tags } from '../components/common.js';
import { CredentialsPanel } from '../components/CredentialsPanel.js';
import { AddDeviceForm } from '../components/AddDeviceForm.js';

export function DevicesPage({ me }: { me: User }) {
  const [q, setQ] = useState('');
  const [devices, setDevices] = useState<Device[] | null>(null);
  const devicesRef = useRef(devices);
  devicesRef.current = devices;
  const [error, setError] = useState<string | null>(null);
  const [showForm, setShowForm] = useState(false);
  const [created, setCreated] = useState<CreateDeviceResponse | null>(null);
  const now = useNow(1000);
  const seq = useRef(0);
  const canAdd = mayCall(me.role, 'createDevice');
  const reconnects = useReconnects();

  const load = useCallback(async (query: string) => {
    const my = ++seq.current;
    try {
      const list = await call('listDevices', { query: { q: query.trim() || undefined } });
      if (my === seq.current) { setDevices(list); setError(null); }
    } catch (e) {
      if (my === seq.current) setError(errorMessage(e));
    }
  }, []);

  // debounce typing in the search box; load again whenever the live stream comes back after a gap
  useEffect(() => {
    const t = setTimeout(() => void load(q), q ? 250 : 0);
    return () => clearTimeout(t);
  }, [q, load, reconnects]);

  const refetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => { if (refetchTimer.current) clearTimeout(refetchTimer.current); }, []);
  const qRef = useRef(q);
  qRef.current = q;

  useLive((msg) => {
    if (msg.type !== 'device') return;
    const known = devicesRef.current?.some((d) => d.uid === msg.device.uid) ?? true;
    setDevices((list) => {
      if (!list) return list;
      const i = list.findIndex((d) => d.uid === msg.device.uid);
      if (i < 0) return list;
      const next = list.slice();
      next[i] = msg.device;
      return next;
    });
    // a device we do not list yet (added elsewhere): ask the server whether it matches the search
    if (!known && !refetchTimer.current) {
      refetchTimer.current = setTimeout(() => { refetchTimer.current = null; void load(qRef.current); }, 500);
    }
  });

  function onCreated(res: CreateDeviceResponse) {
    setCreated(res);
    setShowForm(false);
    setDevices((list) => (list && !list.some((d) => d.uid === res.device.uid) ? [...list, res.device].sort((a, b) => a.uid.localeCompare(b.uid)) : list));
  }

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>Devices</h1>
          <p className="muted">{devices ? `${devices.length} device${devices.length === 1 ? '' : 's'}${q.trim() ? ' matching' : ''}` : ' '}</p>
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

      <Card className="table-card">
        {devices === null ? <Loading /> : devices.length === 0 ? (
          <div className="empty" data-testid="no-devices">
            {q.trim() ? <p>No device matches “{q.trim()}”.</p> : (
              <>
                <p>No devices yet.</p>
                {canAdd ? <p className="muted">Use “Add device” to register one and get its MQTT credentials.</p>
                  : <p className="muted">An operator or administrator can add devices.</p>}
              </>
            )}
          </div>
        ) : (
          <table className="table table-cards" data-testid="device-table">
            <thead>
              <tr><th>Status</th><th>Device</th><th>Tags</th><th>Last seen</th></tr>
            </thead>
            <tbody>
              {devices.map((d) => (
                <tr key={d.uid} data-testid={`device-row-${d.uid}`} data-status={d.status}>
                  <td className="nowrap" data-label="Status">
                    <StatusDot status={d.status} />
                    <span className="status-text" data-testid="device-status">{statusLabel(d.status)}</span>
                    {d.status !== 'never' && d.statusReason && <span className="status-reason" data-testid="device-status-reason">{d.statusReason}</span>}
                  </td>
                  <td className="card-title">
                    <a href={href({ name: 'device', uid: d.uid })} className="device-link" data-testid="device-link">
                      <span className="device-name">{d.name}</span>
                      <span className="device-uid">{d.uid}</span>
                    </a>
                  </td>
                  <td data-label="Tags"><Tags tags={d.tags} /></td>
                  <td className="nowrap" data-label="Last seen" title={formatDateTime(d.lastSeen)} data-testid="device-last-seen">{relativeTime(d.lastSeen, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
