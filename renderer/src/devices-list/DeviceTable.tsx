// One page of the device list: sortable headers, a checkbox per row when bulk actions are allowed.
import type { Device, User } from '../../../core/contract/api.js';
import { ApprovalButtons, PendingBadge } from '../components/PendingApproval.js';
import { href } from '../router.js';
import { formatDateTime, relativeTime } from '../format.js';
import { Tags } from '../components/common.js';
import type { Selection } from '../selection/use-selection.js';
import { SelectPageCheckbox } from '../selection/BulkBar.js';
import { DeviceStatusCell } from './DeviceStatusCell.js';
import { SortHeader } from './SortHeader.js';
import type { Sort, SortKey } from './device-filters.js';

export function DeviceTable({ devices, me, now, sort, onSort, selection }: {
  devices: Device[];
  me: User;
  now: number;
  sort: Sort;
  onSort(column: SortKey): void;
  /** undefined: this user has no bulk actions, so no checkboxes */
  selection: Selection | undefined;
}) {
  const pageKeys = devices.map((d) => d.uid);
  return (
    <table className="table device-table" data-testid="device-table">
      <thead>
        <tr>
          {selection && (
            <th className="select-col">
              <SelectPageCheckbox selection={selection} pageKeys={pageKeys} label="Select all devices on this page" />
            </th>
          )}
          <SortHeader label="Status" column="status" sort={sort} onSort={onSort} />
          <SortHeader label="Device" column="name" sort={sort} onSort={onSort} />
          <th>Tags</th>
          <SortHeader label="Last seen" column="lastSeen" sort={sort} onSort={onSort} />
        </tr>
      </thead>
      <tbody>
        {devices.map((d) => (
          <tr key={d.uid} data-testid={`device-row-${d.uid}`} data-status={d.status} data-pending={d.pending || undefined} className={selection?.has(d.uid) ? 'selected' : ''}>
            {selection && (
              <td className="select-col">
                <input type="checkbox" checked={selection.has(d.uid)} onChange={() => selection.toggle(d.uid)}
                  aria-label={`Select ${d.name} (${d.uid})`} data-testid="device-select" />
              </td>
            )}
            <DeviceStatusCell device={d} now={now} />
            <td className="device-cell">
              <a href={href({ name: 'device', uid: d.uid })} className="device-link" data-testid="device-link">
                <span className="device-name">{d.name}</span>
                <span className="device-uid">{d.uid}</span>
              </a>
              {d.pending && <span className="pending-cell"><PendingBadge /><ApprovalButtons device={d} me={me} /></span>}
            </td>
            <td className="tags-cell"><Tags tags={d.tags} /></td>
            <td className="nowrap last-seen-cell" title={formatDateTime(d.lastSeen)}>
              {/* on a phone the cells are a card without column headers */}
              <span className="cell-label">Last seen </span>
              <span data-testid="device-last-seen">{relativeTime(d.lastSeen, now)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
