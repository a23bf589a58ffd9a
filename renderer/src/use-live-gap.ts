// Whether the live stream has been away long enough that what a page shows may be out of date.
import { useEffect, useState } from 'react';
import { useLiveState } from './live.js';

/** True once the stream has not been open for `afterMs` (not during the short connect at login). */
export function useLiveGap(afterMs = 1500): boolean {
  const state = useLiveState();
  const [gap, setGap] = useState(false);
  useEffect(() => {
    if (state === 'open') {
      setGap(false);
      return;
    }
    const t = setTimeout(() => setGap(true), afterMs);
    return () => clearTimeout(t);
  }, [state, afterMs]);
  return gap;
}
