// The device's LwM2M registration: where it is, how it talks (version, binding, queue mode), how
// long it stays registered (a live countdown from the page's clock); or why it is not registered.
import type { Device } from '../../../../core/contract/api.js';
import type { Lwm2mRegistrationView } from '../../../../core/contract/lwm2m-registration.js';
import { Card } from '../../components/common.js';
import { formatDateTime, relativeTime } from '../../format.js';

function countdown(ms: number): string {
  if (ms <= 0) return 'now';
  const s = Math.round(ms / 1000);
  if (s < 120) return `in ${s} s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `in ${m} min ${s % 60} s`;
  return `in ${Math.floor(m / 60)} h ${m % 60} min`;
}

export function RegistrationPanel({ registration, device, now }: { registration: Lwm2mRegistrationView | null; device: Device | null; now: number }) {
  if (!registration) {
    return (
      <Card title="Registration" testId="lw-registration" className="lw-registration">
        <p data-testid="lw-not-registered"><strong>Not registered.</strong>{' '}
          {device?.statusReason ? <>Last reason: <span data-testid="lw-not-registered-reason">{device.statusReason}</span>
            {device.statusSince ? <span className="muted"> ({relativeTime(device.statusSince, now)})</span> : null}.</>
            : 'The device has not registered with Outpost yet. Point its LwM2M client at this server with its uid as the endpoint name.'}
        </p>
      </Card>
    );
  }
  const r = registration;
  return (
    <Card title="Registration" testId="lw-registration" className="lw-registration">
      <dl className="kv lw-facts">
        <div className="kv-row"><dt>Status</dt><dd data-testid="lw-reg-status">{r.pending ? 'Registered, waiting for approval' : 'Registered'}</dd></div>
        <div className="kv-row"><dt>Endpoint</dt><dd><code data-testid="lw-reg-endpoint">{r.uid}</code></dd></div>
        <div className="kv-row"><dt>Address</dt><dd><code data-testid="lw-reg-address">{r.peer.address.includes(':') ? `[${r.peer.address}]` : r.peer.address}:{r.peer.port}</code></dd></div>
        <div className="kv-row"><dt>LwM2M version</dt><dd data-testid="lw-reg-version">{r.version}</dd></div>
        <div className="kv-row"><dt>Binding</dt><dd data-testid="lw-reg-binding">{r.binding}{r.queueMode ? ' — queue mode (sleeps between uplinks; operations wait for it)' : ''}</dd></div>
        <div className="kv-row"><dt>Lifetime</dt><dd data-testid="lw-reg-lifetime">{r.lifetimeSec} s, ends {countdown(r.expiresAt - now)}
          <span className="muted"> ({formatDateTime(r.expiresAt)})</span></dd></div>
        <div className="kv-row"><dt>Registered</dt><dd title={formatDateTime(r.registeredAt)}>{relativeTime(r.registeredAt, now)}</dd></div>
        <div className="kv-row"><dt>Updated</dt><dd title={formatDateTime(r.updatedAt)} data-testid="lw-reg-updated">{relativeTime(r.updatedAt, now)}</dd></div>
        <div className="kv-row"><dt>Objects</dt><dd data-testid="lw-reg-objects">{r.objects.length}</dd></div>
      </dl>
    </Card>
  );
}
