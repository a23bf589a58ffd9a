// One operation with its history, kept live: the stream carries the operation but not its
// history, so each 'operation' message for it fetches the detail again (and so does a reconnect).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperationDetail } from '../../../core/contract/operations.js';
import { call, errorMessage } from '../api.js';
import { useLive, useReconnects } from '../live.js';

export function useOperationDetail(id: number): { detail: OperationDetail | null; error: string | null; reload(): void } {
  const [detail, setDetail] = useState<OperationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [bump, setBump] = useState(0);
  const reconnects = useReconnects();
  const seq = useRef(0);

  useEffect(() => {
    const my = ++seq.current;
    call('getOperation', { params: { id } }).then(
      (d) => { if (my === seq.current) { setDetail(d); setError(null); } },
      (e) => { if (my === seq.current) setError(errorMessage(e)); },
    );
  }, [id, reconnects, bump]);

  const reload = useCallback(() => setBump((n) => n + 1), []);
  useLive((msg) => {
    if (msg.type !== 'operation' || msg.operation.id !== id) return;
    // the state shows at once; the history follows with the fetch
    setDetail((d) => (d && d.updatedAt <= msg.operation.updatedAt ? { ...d, ...msg.operation } : d));
    reload();
  });
  return { detail: detail?.id === id ? detail : null, error, reload };
}
