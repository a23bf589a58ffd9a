// A form's per-field problems: checked against the contract's schema before sending, taken from
// the server's 400 details after, shown next to each field (aria-invalid + aria-describedby),
// and the first marked field focused so keyboard and screen-reader users land on it.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { z } from 'zod';
import { ApiError } from './api.js';
import { checkInput, fieldErrors, summary } from './form-errors.js';
import type { FieldErrors, FieldLabels } from './form-errors.js';

/** Thrown once the fields show their problems; useAction shows its message ("Check the marked field."). */
export class InvalidFields extends Error {
  constructor(readonly errors: FieldErrors) {
    super(summary(errors));
    this.name = 'InvalidFields';
  }
}

export function useFieldErrors(labels: FieldLabels) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [shown, setShown] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();

  useEffect(() => {
    if (shown) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [shown]);

  const show = useCallback((e: FieldErrors): never => {
    setErrors(e);
    setShown((n) => n + 1);
    throw new InvalidFields(e);
  }, []);

  /** The values as the contract takes them (trimmed, defaults applied), or throws after marking the fields. */
  const check = useCallback(<S extends z.ZodType>(schema: S, body: unknown): z.output<S> => {
    const r = checkInput(schema, body, labels);
    if (!r.ok) return show(r.errors);
    setErrors({});
    return r.data;
  }, [labels, show]);

  /** Runs the call; when the server refuses fields (400 with details) they are marked like local ones. */
  const send = useCallback(async <T,>(body: unknown, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        const fe = fieldErrors(e.details, body, labels);
        if (Object.keys(fe).some((k) => k !== '' && k in labels)) show(fe);
      }
      throw e;
    }
  }, [labels, show]);

  const errorId = (name: string) => `${id}-${name}-error`;
  /** Spread on the input of `name`. */
  const field = (name: string) => (errors[name]
    ? { 'aria-invalid': true as const, 'aria-describedby': errorId(name) }
    : {});
  /** The sentence under the field of `name` (outside its <label>, so it is not part of the name). */
  const errorFor = (name: string) => (errors[name]
    ? <span className="field-error" id={errorId(name)} data-testid={`field-error-${name}`}>{errors[name]}</span>
    : null);
  return { errors, setErrors, formRef, field, errorFor, check, send, show };
}
