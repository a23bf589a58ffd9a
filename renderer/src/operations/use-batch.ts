// One bulk operation, kept live: fetched, replaced by each 'batch' message of the stream, and
// fetched again after the stream was away.
import { useEffect, useState } from 'react';
import type { Batch } from '../../../core/contract/operations.js';
import { call, errorMessage } from '../api.js';
import { useLive, useReconnects } from '../live.js';

export function useBatch(id: number, initial: Batch | null = null): { batch: Batch | null; error: string | null } {
  const [batch, setBatch] = useState<Batch | null>(initial?.id === id ? initial : null);
  const [error, setError] = useState<string | null>(null);
  const reconnects = useReconnects();

  useEffect(() => {
    let cancelled = false;
    call('getBatch', { params: { id } }).then(
      // the stream may have brought a newer summary while this was on its way: keep the larger progress
      (b) => { if (!cancelled) { setBatch((old) => (old && old.id === b.id && finishedOf(old) > finishedOf(b) ? old : b)); setError(null); } },
      (e) => { if (!cancelled) setError(errorMessage(e)); },
    );
    return () => { cancelled = true; };
  }, [id, reconnects]);

  useLive((msg) => {
    if (msg.type === 'batch' && msg.batch.id === id) setBatch((old) => ({ ...msg.batch, unknown: msg.batch.unknown ?? old?.unknown }));
  });
  return { batch: batch?.id === id ? batch : null, error };
}

const finishedOf = (b: Batch) => b.summary.succeeded + b.summary.failed + b.summary.expired + b.summary.cancelled;
