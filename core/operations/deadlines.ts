// Reply timeouts of operations under way, per device, so a device that goes away stops its clocks.
export interface Deadlines {
  /** (Re)starts the wait for operation `id` of device `uid`. */
  arm(id: number, uid: string, ms: number): void;
  clear(id: number): void;
  clearDevice(uid: string): void;
  clearAll(): void;
}

export function createDeadlines(onExpired: (id: number) => void): Deadlines {
  const timers = new Map<number, { uid: string; timer: NodeJS.Timeout }>();
  const byDevice = new Map<string, Set<number>>();

  const clear = (id: number) => {
    const t = timers.get(id);
    if (!t) return;
    clearTimeout(t.timer);
    timers.delete(id);
    const ids = byDevice.get(t.uid);
    ids?.delete(id);
    if (ids?.size === 0) byDevice.delete(t.uid);
  };

  return {
    arm(id, uid, ms) {
      clear(id);
      const timer = setTimeout(() => {
        clear(id);
        onExpired(id);
      }, ms);
      timer.unref();
      timers.set(id, { uid, timer });
      let ids = byDevice.get(uid);
      if (!ids) byDevice.set(uid, (ids = new Set()));
      ids.add(id);
    },
    clear,
    clearDevice(uid) {
      for (const id of [...(byDevice.get(uid) ?? [])]) clear(id);
    },
    clearAll() {
      for (const id of [...timers.keys()]) clear(id);
    },
  };
}
