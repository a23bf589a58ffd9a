// The devices matching a search, kept true: server-side ?q=, live device changes and deletions,
// and a new fetch whenever the live stream comes back after a gap.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Device } from '../../../core/contract/api.js';
import { call, errorMessage } from '../api.js';
import { useLive, useReconnects } from '../live.js';

export function useDeviceList(q: string) {
  const [devices, setDevices] = useState<Device[] | null>(null);
  const devicesRef = useRef(devices);
  devicesRef.current = devices;
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const reconnects = useReconnects();
  const qRef = useRef(q);
  qRef.current = q;

  const load = useCallback(async (query: string) => {
    const my = ++seq.current;
    try {
      const list = await call('listDevices', { query: { q: query.trim() || undefined } });
      if (my === seq.current) { setDevices(list); setError(null); }
    } catch (e) {
      if (my === seq.current) setError(errorMessage(e));
    }
  }, []);
  const reload = useCallback(() => load(qRef.current), [load]);

  // debounce typing in the search box; load again whenever the live stream comes back after a gap
  useEffect(() => {
    const t = setTimeout(() => void load(q), q ? 250 : 0);
    return () => clearTimeout(t);
  }, [q, load, reconnects]);

  const refetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => { if (refetchTimer.current) clearTimeout(refetchTimer.current); }, []);

  useLive((msg) => {
    if (msg.type === 'device-deleted') {
      setDevices((list) => list?.filter((d) => d.uid !== msg.uid) ?? list);
      return;
    }
    if (msg.type !== 'device') return;
    const known = devicesRef.current?.some((d) => d.uid === msg.device.uid) ?? true;
    setDevices((list) => {
      if (!list) return list;
      const i = list.findIndex((d) => d.uid === msg.device.uid);
      if (i < 0) return list;
      const next = list.slice();
      next[i] = msg.device;
      return next;
    });
    // a device we do not list yet (added elsewhere), or whose change may end its match: ask the server
    if ((!known || qRef.current.trim()) && !refetchTimer.current) {
      refetchTimer.current = setTimeout(() => { refetchTimer.current = null; void load(qRef.current); }, 500);
    }
  });

  /** A device this page created: listed at once, without waiting for the stream. */
  const add = useCallback((d: Device) => {
    setDevices((list) => (list && !list.some((x) => x.uid === d.uid) ? [...list, d] : list));
  }, []);
  /** Devices this page deleted. */
  const drop = useCallback((uids: readonly string[]) => {
    const gone = new Set(uids);
    setDevices((list) => list?.filter((d) => !gone.has(d.uid)) ?? list);
  }, []);

  return { devices, error, reload, add, drop };
}
