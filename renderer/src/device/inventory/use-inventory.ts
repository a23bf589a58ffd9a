// A device's last known inventory, kept live: fetched on open and after the live stream was away,
// replaced by every 'inventory' message for the device, and fresh inventory asked for once when the
// tab opens (the server asks an online device at most every 30 s and says why not in `reason`).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeviceInventory } from '../../../../core/contract/inventory.js';
import { call, errorMessage } from '../../api.js';
import { useLive, useReconnects } from '../../live.js';
import { newerInventory } from './newer-inventory.js';

export interface InventoryView {
  /** null until the first answer */
  data: DeviceInventory | null;
  error: string | null;
  /** the server's answer to the last ask: "asked", or why not */
  ask: { asking: boolean; asked: boolean; reason: string | null };
  /** Asks the device for fresh inventory; the answer comes on the live stream. */
  refresh(): void;
  /** The same, without a line when the server declines (it was asked moments ago). */
  refreshQuietly(): void;
}

export function useInventory(uid: string): InventoryView {
  const [data, setData] = useState<DeviceInventory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ask, setAsk] = useState<InventoryView['ask']>({ asking: false, asked: false, reason: null });
  const reconnects = useReconnects();
  const seq = useRef(0);

  useEffect(() => {
    const my = ++seq.current;
    call('getInventory', { params: { uid } }).then(
      (inv) => { if (my === seq.current) { setData((d) => newerInventory(d, inv)); setError(null); } },
      (e) => { if (my === seq.current) setError(errorMessage(e)); },
    );
  }, [uid, reconnects]);

  useLive((msg) => {
    if (msg.type !== 'inventory' || msg.uid !== uid) return;
    setData((d) => newerInventory(d, msg.inventory));
    // the answer is here: "asked" has done its job
    setAsk((a) => (a.asked ? { ...a, asked: false } : a));
  });

  /** `quiet`: the automatic ask on open, whose refusal ("asked 3 s ago") is not worth a line. */
  const askNow = useCallback((quiet: boolean) => {
    setAsk((a) => ({ ...a, asking: true }));
    call('refreshInventory', { params: { uid } }).then(
      (r) => setAsk({ asking: false, asked: r.asked, reason: quiet ? null : r.reason }),
      (e) => setAsk({ asking: false, asked: false, reason: errorMessage(e) }),
    );
  }, [uid]);
  const refresh = useCallback(() => askNow(false), [askNow]);
  const refreshQuietly = useCallback(() => askNow(true), [askNow]);

  // opening the tab asks for fresh inventory, as the seed system did when its page was opened
  useEffect(() => { askNow(true); }, [askNow]);

  return { data, error, ask, refresh, refreshQuietly };
}
