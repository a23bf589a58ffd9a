// One device: its header (status, actions, identity) and one tab per capability (device/tabs.ts).
// The tab does not wait for the device: its own requests (e.g. the chart's) go out beside the
// device's, and the header fills in when the device arrives.
import { Suspense, useEffect, useState } from 'react';
import type { Device, MqttCredentials, User } from '../../../core/contract/api.js';
import { ApiError, call, errorMessage, mayCall } from '../api.js';
import { DeviceInfoCard } from '../components/DeviceInfoCard.js';
import { useLive, useReconnects } from '../live.js';
import { useAction } from '../use-action.js';
import { href, navigate } from '../router.js';
import { useNow } from '../format.js';
import { ErrorMessage, Loading } from '../components/common.js';
import { DeviceStatusHeader } from '../components/DeviceStatus.js';
import { CredentialsPanel } from '../components/CredentialsPanel.js';
import { defaultTabId, deviceTabs, tabsFor } from './tabs.js';
import { ApprovalButtons, PendingBadge } from '../components/PendingApproval.js';

export function DevicePage({ uid, tab, me }: { uid: string; tab: string | undefined; me: User }) {
  const [device, setDevice] = useState<Device | null>(null);
  const [loadError, setLoadError] = useState<{ status: number; message: string } | null>(null);
  const { busy, error: actionError, setError: setActionError, run } = useAction();
  const [credentials, setCredentials] = useState<MqttCredentials | null>(null);
  const now = useNow(1000);
  const reconnects = useReconnects();

  useEffect(() => {
    let cancelled = false;
    call('getDevice', { params: { uid } }).then(
      (d) => { if (!cancelled) { setDevice(d); setLoadError(null); } },
      (e) => { if (!cancelled) setLoadError({ status: e instanceof ApiError ? e.status : 0, message: errorMessage(e) }); },
    );
    return () => { cancelled = true; };
  }, [uid, reconnects]);

  useLive((msg) => {
    if (msg.type === 'device' && msg.device.uid === uid) setDevice(msg.device);
  });

  function rotate() {
    if (!window.confirm(`Issue a new MQTT token for ${uid}? The current token stops working immediately.`)) return;
    void run(async () => setCredentials(await call('rotateToken', { params: { uid } })));
  }
  function remove() {
    if (!window.confirm(`Delete device ${uid} and all its data? This cannot be undone.`)) return;
    // on success the device list replaces this page: stay busy until then
    void run(async () => {
      await call('deleteDevice', { params: { uid } });
      navigate({ name: 'devices' });
    }, { keepBusy: true });
  }

  if (loadError) {
    return (
      <div className="page">
        <div className="empty" data-testid={loadError.status === 404 ? 'device-not-found' : undefined}>
          <h1>{loadError.status === 404 ? 'Device not found' : 'Could not load the device'}</h1>
          <ErrorMessage error={loadError.message} />
          <a className="btn" href="#/devices">Back to devices</a>
        </div>
      </div>
    );
  }

  // a tab named in the URL is shown even before the device says whether it has it (no flash of another tab)
  const current = deviceTabs.find((t) => t.id === tab) ?? deviceTabs.find((t) => t.id === defaultTabId)!;
  const shownTabs = tabsFor(device);
  const tabLinks = shownTabs.includes(current) ? shownTabs : [...shownTabs, current];
  const Tab = current.component;

  return (
    <div className="page" data-testid="device-page" data-uid={uid}>
      <nav className="crumbs"><a href="#/devices">Devices</a> <span aria-hidden="true">/</span> <span>{uid}</span></nav>
      <header className="page-head">
        <div>
          <h1 data-testid="device-title">{device?.name ?? uid}</h1>
          {device ? <DeviceStatusHeader device={device} now={now} /> : <Loading />}
          {device?.pending && (
            <p className="pending-head" data-testid="device-pending"><PendingBadge />{' '}
              <ApprovalButtons device={device} me={me} onApproved={setDevice} onRejected={() => navigate({ name: 'devices' })} /></p>
          )}
        </div>
        <div className="page-actions">
          {mayCall(me.role, 'rotateToken') && (
            <button type="button" className="btn" onClick={rotate} disabled={busy} data-testid="rotate-token">New token</button>
          )}
          {mayCall(me.role, 'deleteDevice') && (
            <button type="button" className="btn btn-danger" onClick={remove} disabled={busy} data-testid="delete-device">Delete</button>
          )}
        </div>
      </header>

      <ErrorMessage error={actionError} onDismiss={() => setActionError(null)} />
      {credentials && <CredentialsPanel uid={uid} credentials={credentials} onClose={() => setCredentials(null)} />}

      {device && <DeviceInfoCard device={device} now={now} canEdit={mayCall(me.role, 'updateDevice')} onSaved={setDevice} />}

      <nav className="tabs" aria-label="Device sections" data-testid="device-tabs">
        {tabLinks.map((t) => (
          <a key={t.id} href={href({ name: 'device', uid, tab: t.id })} data-testid={`tab-${t.id}`}
            className={`tab ${t.id === current.id ? 'active' : ''}`} aria-current={t.id === current.id ? 'page' : undefined}>
            {t.label}
          </a>
        ))}
      </nav>
      {/* a tab other than Telemetry arrives as its own chunk the first time it is opened */}
      <Suspense fallback={<Loading />}><Tab uid={uid} device={device} me={me} now={now} /></Suspense>
    </div>
  );
}
