// An LwM2M device's objects, values and observations, kept true: fetched once, values and
// observations merged from the live stream, fetched again when the device (re)registers or
// de-registers and after a gap in the stream.
import { useEffect, useRef, useState } from 'react';
import type { Device } from '../../../../core/contract/api.js';
import type { Lwm2mDeviceObjects } from '../../../../core/contract/lwm2m-objects.js';
import { call, errorMessage } from '../../api.js';
import { useLive, useReconnects } from '../../live.js';
import { mergeValues } from './lwm2m-tree.js';

export interface Lwm2mObjectsState {
  data: Lwm2mDeviceObjects | null;
  error: string | null;
  reload(): void;
}

export function useLwm2mObjects(uid: string, device: Device | null): Lwm2mObjectsState {
  const [data, setData] = useState<Lwm2mDeviceObjects | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const reconnects = useReconnects();
  // a new registration (or its end) changes objects and observations: ask again
  const registrationKey = device ? `${device.status}:${device.statusSince ?? ''}:${device.pending}` : '';
  const last = useRef(registrationKey);

  useEffect(() => {
    const ac = new AbortController();
    call('getLwm2mObjects', { params: { uid }, signal: ac.signal }).then(
      (d) => { setData(d); setError(null); },
      (e) => { if (!ac.signal.aborted) setError(errorMessage(e)); },
    );
    return () => ac.abort();
  }, [uid, reconnects, reloads]);

  useEffect(() => {
    if (last.current === registrationKey) return;
    last.current = registrationKey;
    setReloads((n) => n + 1);
  }, [registrationKey]);

  useLive((msg) => {
    if (msg.type !== 'lwm2m-objects' || msg.uid !== uid) return;
    setData((d) => d && {
      ...d,
      values: mergeValues(d.values, msg.values),
      observations: msg.observations ?? d.observations,
    });
  });

  return { data, error, reload: () => setReloads((n) => n + 1) };
}
