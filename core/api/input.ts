// Request input: the JSON body and zod validation, with 4xx errors the user can read.
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import type { Ctx } from './context.js';

/** The body as JSON; bodyLimit (body-limit.ts) stops it at MAX_BODY_BYTES while it arrives. */
export async function readJson(c: Ctx): Promise<unknown> {
  const read = c.get('readBody');
  const text = read ? await read() : '';
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HTTPException(400, { message: 'body is not valid JSON' });
  }
}

/** A body or query the schema refused; the API answers 400 with the zod issues as `details`. */
export class InvalidInput extends HTTPException {
  constructor(message: string, readonly issues: readonly z.core.$ZodIssue[]) {
    super(400, { message });
  }
}

export function parse<S extends z.ZodType>(schema: S, input: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const message = result.error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  // the issues (path, code, limits) let the UI word each field's problem next to it
  throw new InvalidInput(`invalid ${where}: ${message}`, result.error.issues);
}
