// The state of a form or button that runs one server call: busy while it runs, the error it failed with.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { errorMessage } from './api.js';

export type ActionOptions = {
  /** Success takes the user away from this page (login, delete): leave the controls disabled until it goes. */
  keepBusy?: boolean;
};

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => { mounted.current = false; };
  }, []);

  /** Clears the error, runs `fn` while busy, and shows its failure; resolves to whether it succeeded. */
  const run = useCallback(async (fn: () => Promise<unknown>, opts: ActionOptions = {}): Promise<boolean> => {
    setError(null);
    setBusy(true);
    let ok = false;
    try {
      await fn();
      ok = true;
    } catch (err) {
      if (mounted.current) setError(errorMessage(err));
    }
    // a success often unmounts the form (it closes, or the page changes): nothing to update then
    if (mounted.current && !(ok && opts.keepBusy)) setBusy(false);
    return ok;
  }, []);

  /** An onSubmit handler that keeps the browser from submitting the form and runs `fn`. */
  const submit = useCallback((fn: () => Promise<unknown>, opts?: ActionOptions) => (e: FormEvent) => {
    e.preventDefault();
    void run(fn, opts);
  }, [run]);

  return { busy, error, setError, run, submit };
}
