// What a finished bulk change says to the user, in words.
import type { BulkDevicesResponse } from '../../../core/contract/api.js';

const devices = (n: number) => `${n} device${n === 1 ? '' : 's'}`;

export function bulkOutcomeText(r: BulkDevicesResponse, tag?: string): string {
  const parts = [
    r.action === 'tag' ? `Tagged ${devices(r.changed.length)} with “${tag}”.`
      : r.action === 'untag' ? `Removed “${tag}” from ${devices(r.changed.length)}.`
        : `Deleted ${devices(r.changed.length)}.`,
  ];
  if (r.unchanged.length) parts.push(r.action === 'tag' ? `${devices(r.unchanged.length)} already had it.` : `${devices(r.unchanged.length)} did not have it.`);
  if (r.unknown.length) parts.push(`${devices(r.unknown.length)} no longer exist${r.unknown.length === 1 ? 's' : ''} (${r.unknown.slice(0, 3).join(', ')}${r.unknown.length > 3 ? ', …' : ''}).`);
  return parts.join(' ');
}
