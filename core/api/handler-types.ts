// The shape of a route handler, from the routes table: its typed input and its response.
import type { z } from 'zod';
import type { routes, RouteName } from '../contract/routes.js';
import type { User } from '../contract/api.js';
import type { Ctx } from './context.js';

type R = typeof routes;
type In<N extends RouteName> = {
  body: R[N] extends { body: z.ZodType } ? z.infer<R[N]['body']> : undefined;
  query: R[N] extends { query: z.ZodType } ? z.infer<R[N]['query']> : undefined;
  params: Record<string, string>;
  user: User | undefined;
  /** the client address, for the audit log */
  source: string;
  c: Ctx;
};
export type Handler<N extends RouteName> = (input: In<N>) => Promise<z.infer<R[N]['response']>> | z.infer<R[N]['response']>;
export type Handlers = { [N in RouteName]: Handler<N> };
