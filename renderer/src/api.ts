// Typed client for the HTTP API contract (core/contract). Same origin, cookie session.
import type { z } from 'zod';
import { ApiError as ApiErrorSchema } from '../../core/contract/api.js';
import type { Role } from '../../core/contract/api.js';
import { routes, routePath } from '../../core/contract/routes.js';
import { errorSentence } from './error-sentences.js';
import { dropEarlyAnswers, takeEarlyAnswer } from './early-requests.js';
import type { MinRole, RouteName, Routes, ResponseOf } from '../../core/contract/routes.js';

/** An API call that failed: HTTP status (0 = network) and a sentence for the user (error-sentences.ts). */
export class ApiError extends Error {
  readonly status: number;
  readonly details: unknown;
  /** seconds from the Retry-After header (429, 503), when the server sent one */
  readonly retryAfterSec: number | null;
  /** the server's own `error` text, unworded (logs, tests) */
  readonly serverMessage: string | null;
  constructor(status: number, message: string, details?: unknown, retryAfterSec: number | null = null, serverMessage: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.details = details;
    this.retryAfterSec = retryAfterSec;
    this.serverMessage = serverMessage;
  }
}

type PathParamNames<P extends string> =
  P extends `${string}:${infer Name}/${infer Rest}` ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}` ? Name
  : never;

type ParamsOf<N extends RouteName> = [PathParamNames<Routes[N]['path']>] extends [never]
  ? { params?: undefined }
  : { params: Record<PathParamNames<Routes[N]['path']>, string | number> };
type BodyOf<N extends RouteName> = Routes[N] extends { body: infer B extends z.ZodType }
  ? { body: z.input<B> } : { body?: undefined };
type QueryOf<N extends RouteName> = Routes[N] extends { query: infer Q extends z.ZodType }
  ? { query?: Partial<z.input<Q>> } : { query?: undefined };

export type CallOptions<N extends RouteName> = ParamsOf<N> & BodyOf<N> & QueryOf<N> & { signal?: AbortSignal };

let unauthorizedHandler: (() => void) | null = null;
/** Called when a call that needs a session gets 401 (session expired or logged out elsewhere). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export async function call<N extends RouteName>(name: N, opts: CallOptions<N> = {} as CallOptions<N>): Promise<ResponseOf<N>> {
  const def = routes[name] as Routes[RouteName];
  let url = routePath(def.path, (opts.params ?? {}) as Record<string, string | number>);
  if (opts.query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query as Record<string, unknown>)) {
      if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
    }
    const s = qs.toString();
    if (s) url += `?${s}`;
  }
  const init: RequestInit = {
    method: def.method.toUpperCase(),
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    signal: opts.signal ?? null,
  };
  if (opts.body !== undefined) {
    init.body = JSON.stringify(opts.body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  // a GET the page sent early (early-requests.ts) is not sent twice; a change makes early answers stale
  const early = def.method === 'get' ? takeEarlyAnswer(url) : undefined;
  if (def.method !== 'get') dropEarlyAnswers();
  let res: Response;
  try {
    res = await (early ?? fetch(url, init));
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, errorSentence({ status: 0, serverMessage: null }));
  }
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try { json = JSON.parse(text); } catch { /* not JSON */ }
  }
  if (!res.ok) {
    const parsed = ApiErrorSchema.safeParse(json);
    const serverMessage = parsed.success ? parsed.data.error : null;
    const details = parsed.success ? parsed.data.details : undefined;
    const isPublic = (def.minRole as MinRole) === 'public';
    const message = errorSentence({ status: res.status, serverMessage, details, body: opts.body, public: isPublic });
    if (res.status === 401 && !isPublic) unauthorizedHandler?.();
    const retryAfter = Number(res.headers.get('retry-after') ?? NaN); // NaN for none, or an HTTP date (not sent by Outpost)
    throw new ApiError(res.status, message, details, Number.isFinite(retryAfter) ? retryAfter : null, serverMessage);
  }
  const out = def.response.safeParse(json);
  if (!out.success) {
    console.error(`unexpected response from ${def.method.toUpperCase()} ${url}`, out.error, json);
    throw new ApiError(res.status, `Outpost sent an answer this page does not understand (${name}). Reload the page; Outpost may have been updated.`);
  }
  return out.data as ResponseOf<N>;
}

/** What to tell the user about a failure: API errors are already sentences. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message || 'Something went wrong.';
  return String(e);
}

const rank: Record<MinRole, number> = { public: 0, viewer: 1, operator: 2, admin: 3 };
/** Whether a user with `role` may do what needs `min`. */
export function allows(role: Role | undefined, min: MinRole): boolean {
  if (min === 'public') return true;
  if (!role) return false;
  return rank[role] >= rank[min];
}
export function mayCall(role: Role | undefined, name: RouteName): boolean {
  return allows(role, routes[name].minRole);
}
