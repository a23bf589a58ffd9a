// An LwM2M device's objects, values and observations, kept true: fetched once, values and
// observations merged from the live stream, fetched again when the device (re)registers or
// de-registers and after a gap in the stream.
import { useEffect, useRef, useState } from 'react';
import type { Device } from '../../../../core/contract/api.js';
import { Lwm2mDeviceObjects } from '../../../../core/contract/lwm2m-objects.js';
import { ApiError as ApiErrorSchema } from '../../../../core/contract/api.js';
import { ApiError, errorMessage } from '../../api.js';
import { errorSentence } from '../../error-sentences.js';
import { useLive, useReconnects } from '../../live.js';
import { mergeValues } from './lwm2m-tree.js';

// GET /api/devices/:uid/lwm2m/objects is being added to the route table (core/contract/routes.ts)
// beside its handler; until then the renderer asks for it directly, checked against the same schema.
async function fetchObjects(uid: string, signal: AbortSignal): Promise<Lwm2mDeviceObjects> {
  let res: Response;
  try {
    res = await fetch(`/api/devices/${encodeURIComponent(uid)}/lwm2m/objects`, { credentials: 'same-origin', headers: { accept: 'application/json' }, signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, errorSentence({ status: 0, serverMessage: null }));
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const parsed = ApiErrorSchema.safeParse(json);
    const serverMessage = parsed.success ? parsed.data.error : null;
    throw new ApiError(res.status, errorSentence({ status: res.status, serverMessage }), undefined, null, serverMessage);
  }
  const out = Lwm2mDeviceObjects.safeParse(json);
  if (!out.success) throw new ApiError(res.status, 'Outpost sent an answer this page does not understand (LwM2M objects). Reload the page; Outpost may have been updated.');
  return out.data;
}

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
    fetchObjects(uid, ac.signal).then(
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
