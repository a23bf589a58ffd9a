// The Overview tab: what the device's agent last reported about its system, uptime, users and
// snapd, how old that is, and what it could not report (and why). Fresh inventory is asked for
// when the tab opens and arrives on the live stream.
import type { ReactNode } from 'react';
import type { Inventory } from '../../../../core/contract/inventory.js';
import { Card, ErrorMessage, Loading } from '../../components/common.js';
import type { DeviceTabProps } from '../tabs.js';
import { useInventory } from '../inventory/use-inventory.js';
import { InventoryStatus, NoInventory } from '../inventory/InventoryStatus.js';
import { formatBytes, formatIsoTime, partWords, uptimeWords, usedPercent } from '../inventory/inventory-format.js';
import './overview.css';

export function OverviewTab({ uid, device, now }: DeviceTabProps) {
  const view = useInventory(uid);
  const inv = view.data?.inventory ?? null;
  return (
    <>
      <Card title="Inventory" testId="overview-inventory">
        <InventoryStatus view={view} device={device} now={now} />
        <ErrorMessage error={view.error} />
        {view.data === null && !view.error && <Loading />}
        {view.data !== null && inv === null && <NoInventory device={device} what="system information" />}
      </Card>
      {inv && <InventoryParts inv={inv} />}
    </>
  );
}

function Row({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return <div className="kv-row"><dt>{label}</dt><dd data-testid={testId}>{children ?? <span className="muted">—</span>}</dd></div>;
}

function InventoryParts({ inv }: { inv: Inventory }) {
  const s = inv.system;
  const missing = Object.entries(inv.missing ?? {});
  return (
    <>
      <Card title="System" testId="overview-system">
        {s ? (
          <dl className="kv">
            <Row label="Hostname" testId="overview-hostname">{s.hostname}</Row>
            <Row label="OS" testId="overview-os">{s.os.prettyName ?? ([s.os.name, s.os.versionId].filter(Boolean).join(' ') || undefined)}</Row>
            <Row label="Kernel" testId="overview-kernel">{s.kernel}</Row>
            <Row label="Architecture" testId="overview-architecture">{s.architecture}</Row>
            <Row label="CPUs" testId="overview-cpus">{s.cpuCount}</Row>
            <Row label="Memory" testId="overview-memory">
              {s.memory && <>{formatBytes(s.memory.totalBytes)} <span className="muted">({formatBytes(s.memory.availableBytes)} available)</span></>}
            </Row>
            <Row label="Uptime" testId="overview-uptime">{uptimeWords(s) ?? undefined}</Row>
            <Row label="IP addresses" testId="overview-addresses">
              {s.addresses?.length ? (
                <ul className="plain-list">
                  {s.addresses.map((a) => <li key={`${a.interface} ${a.address}`}><code>{a.address}</code> <span className="muted">{a.interface}, {a.family}</span></li>)}
                </ul>
              ) : undefined}
            </Row>
          </dl>
        ) : <p className="muted">The device did not report its system.</p>}
      </Card>

      {s?.disks && s.disks.length > 0 && (
        <Card title="Disks" testId="overview-disks">
          <table className="table compact table-cards">
            <thead><tr><th>Mount</th><th className="num">Size</th><th className="num">Used</th><th className="num">Free</th><th>Use</th></tr></thead>
            <tbody>
              {s.disks.map((d) => {
                const pct = usedPercent(d);
                return (
                  <tr key={d.mount} data-testid="disk-row">
                    <td className="card-title"><code>{d.mount}</code></td>
                    <td className="num" data-label="Size">{formatBytes(d.totalBytes)}</td>
                    <td className="num" data-label="Used">{formatBytes(d.usedBytes)}</td>
                    <td className="num" data-label="Free">{formatBytes(d.availableBytes)}</td>
                    <td data-label="Use">
                      <span className="disk-use">
                        <meter min={0} max={100} low={80} high={90} optimum={0} value={pct} aria-label={`${d.mount} ${pct}% used`} />
                        <span className="num">{pct}%</span>
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Card>
      )}

      <Card title="Users" testId="overview-users">
        {inv.users?.length ? (
          <table className="table compact table-cards">
            <thead><tr><th>Name</th><th className="num">UID</th><th>Home</th><th>Shell</th><th>Source</th></tr></thead>
            <tbody>
              {inv.users.map((u) => (
                <tr key={`${u.source} ${u.name}`} data-testid="user-row">
                  <td className="card-title">{u.name}{u.email && <span className="muted"> · {u.email}</span>}</td>
                  <td className="num" data-label="UID">{u.uid ?? '—'}</td>
                  <td data-label="Home">{u.home ? <code>{u.home}</code> : '—'}</td>
                  <td data-label="Shell">{u.shell ? <code>{u.shell}</code> : '—'}</td>
                  <td data-label="Source">{SOURCE_WORDS[u.source]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p className="muted">No users reported.</p>}
      </Card>

      <Card title="snapd" testId="overview-snapd">
        {inv.snapd ? (
          <dl className="kv">
            <Row label="Version" testId="overview-snapd-version">{inv.snapd.version}</Row>
            <Row label="Series">{inv.snapd.series}</Row>
            <Row label="System">{inv.snapd.onClassic === undefined ? undefined : inv.snapd.onClassic ? 'classic Ubuntu' : 'Ubuntu Core'}</Row>
            <Row label="Kernel">{inv.snapd.kernelVersion}</Row>
            <Row label="Architecture">{inv.snapd.architecture}</Row>
            <Row label="Confinement">{inv.snapd.confinement}</Row>
            <Row label="Refresh timer">{inv.snapd.refresh?.timer}</Row>
            <Row label="Last refresh">{formatIsoTime(inv.snapd.refresh?.last)}</Row>
            <Row label="Next refresh">{formatIsoTime(inv.snapd.refresh?.next)}</Row>
          </dl>
        ) : <p className="muted">No snapd information reported.</p>}
      </Card>

      {missing.length > 0 && (
        <Card title="Not reported" testId="overview-missing">
          <dl className="kv">
            {missing.map(([part, reason]) => <Row key={part} label={partWords(part)} testId={`missing-${part}`}>{reason}</Row>)}
          </dl>
        </Card>
      )}
    </>
  );
}

const SOURCE_WORDS: Record<'passwd' | 'extrausers' | 'snapd', string> = {
  passwd: '/etc/passwd', extrausers: 'Ubuntu Core (extrausers)', snapd: 'snapd',
};
