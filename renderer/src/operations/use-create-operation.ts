// Asking one device for an operation from a tab (Snaps, LwM2M): the new operation goes into the
// tab's live list at once; a refusal (bad arguments, a kind the device cannot carry) is kept to show.
import { useCallback, useState } from 'react';
import { call, errorMessage } from '../api.js';
import type { Operation } from '../../../core/contract/operations.js';

export function useCreateOperation(uid: string, upsert: (op: Operation) => void) {
  const [error, setError] = useState<string | null>(null);
  /** Resolves to whether the operation was created (not whether it succeeded). */
  const create = useCallback(async (kind: string, args: Record<string, unknown>): Promise<boolean> => {
    setError(null);
    try {
      upsert(await call('createOperation', { params: { uid }, body: { kind, args } }));
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  }, [uid, upsert]);
  return { create, error, clearError: () => setError(null) };
}
