// Operations matching a filter, newest first, kept live from the stream and fetched again after
// the stream was away; older pages on demand. Used by the device's Snaps and Operations tabs and
// the Operations page.
import { useEffect, useRef, useState } from 'react';
import type { Operation } from '../../../core/contract/operations.js';
import { call, errorMessage } from '../api.js';
import { useLive, useReconnects } from '../live.js';
import { filterQuery, mergeOperation, type OperationFilter } from './operation-filter.js';

export interface OperationsView {
  /** null until the first page arrived */
  operations: Operation[] | null;
  error: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  /** Puts an operation this page just created or changed in place before the stream says so. */
  upsert(op: Operation): void;
}

export function useOperations(filter: OperationFilter, pageSize = 50): OperationsView {
  const [operations, setOperations] = useState<Operation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const reconnects = useReconnects();
  const seq = useRef(0);
  const query = filterQuery(filter);
  const key = JSON.stringify(query);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  useEffect(() => {
    const my = ++seq.current;
    call('listOperations', { query: { ...query, limit: pageSize } }).then(
      (page) => { if (my === seq.current) { setOperations(page.operations); setNextBefore(page.nextBefore); setError(null); } },
      (e) => { if (my === seq.current) { setOperations((l) => l ?? []); setError(errorMessage(e)); } },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the query
  }, [key, pageSize, reconnects]);

  useLive((msg) => {
    if (msg.type !== 'operation') return;
    setOperations((rows) => (rows === null ? rows : mergeOperation(rows, msg.operation, filterRef.current)));
  });

  const loadMore = () => {
    if (nextBefore === null || loadingMore) return;
    const my = seq.current;
    setLoadingMore(true);
    call('listOperations', { query: { ...query, limit: pageSize, before: nextBefore } }).then(
      (page) => {
        if (my !== seq.current) return;
        setOperations((rows) => page.operations.reduce((acc, op) => mergeOperation(acc, op, filterRef.current), rows ?? []));
        setNextBefore(page.nextBefore);
      },
      (e) => { if (my === seq.current) setError(errorMessage(e)); },
    ).finally(() => setLoadingMore(false));
  };

  const upsert = (op: Operation) => setOperations((rows) => mergeOperation(rows ?? [], op, filterRef.current));

  return { operations, error, hasMore: nextBefore !== null, loadingMore, loadMore, upsert };
}
