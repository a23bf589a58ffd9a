// How old the shown inventory is, what came of asking for a fresh one, and the Refresh button;
// and what the tabs say when a device has never sent any inventory.
import type { Device } from '../../../../core/contract/api.js';
import { formatDateTime, formatWhen, relativeTime } from '../../format.js';
import type { InventoryView } from './use-inventory.js';
import './inventory.css';

export function InventoryStatus({ view, device, now }: { view: InventoryView; device: Device | null; now: number }) {
  const { data, ask } = view;
  const inv = data?.inventory;
  const offline = device !== null && device.status !== 'online';
  return (
    <div className="inventory-status" data-testid="inventory-status">
      <p className="inventory-age" data-testid="inventory-age">
        {inv && data?.receivedAt != null ? (
          <>
            {offline ? 'Last known inventory, collected ' : 'Collected '}
            <time dateTime={new Date(inv.collectedAt).toISOString()} title={formatDateTime(inv.collectedAt)}>{relativeTime(inv.collectedAt, now)}</time>
            <span className="muted"> · received {formatWhen(data.receivedAt, now)}{data.source === 'seed' ? ' from the seed agent' : ''}</span>
          </>
        ) : <span className="muted">No inventory received yet.</span>}
      </p>
      <p className="muted inventory-ask" role="status" data-testid="inventory-ask">
        {ask.asking ? 'Asking the device…' : ask.asked ? 'Asked the device for fresh inventory; it appears here when it answers.' : ask.reason ? `Not asked: ${ask.reason}.` : ''}
      </p>
      <button type="button" className="btn btn-small" onClick={() => view.refresh()} disabled={ask.asking} data-testid="inventory-refresh"
        aria-label="Refresh inventory">
        Refresh
      </button>
    </div>
  );
}

/** A device that never sent inventory: what it takes to get one. */
export function NoInventory({ device, what }: { device: Device | null; what: string }) {
  return (
    <div className="empty small" data-testid="inventory-empty">
      <p>No {what} known for this device yet.</p>
      <p>
        {device?.dialect === 'seed'
          ? 'The seed agent sends it when asked; Outpost asks whenever the device is online and this page is opened.'
          : <>Devices running the Outpost agent report their system, users and snaps by themselves: see the README,
            section <em>The device agent (outpost-agent)</em>, to install it on an Ubuntu device.</>}
      </p>
    </div>
  );
}
