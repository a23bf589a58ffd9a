// The operations routes: the queue does the work; here are the role-free parts of each call
// (parsing ids, waiting for the end, the audit log).
import type { User } from '../contract/api.js';
import { DomainError } from '../errors.js';
import type { ApiServices } from './context.js';
import type { Handlers } from './handler-types.js';

type OperationRoutes = Pick<Handlers, 'createOperation' | 'listOperations' | 'getOperation' | 'cancelOperation' | 'retryOperation' | 'createBatch' | 'getBatch'>;

const idOf = (text: string | undefined, what: string): number => {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id < 1) throw new DomainError('not_found', `no ${what} ${text}`);
  return id;
};

export function operationHandlers(s: ApiServices): OperationRoutes {
  const actor = (u: User | undefined) => u?.username ?? 'anonymous';
  return {
    async createOperation({ params, body, query, user, source }) {
      const op = await s.operations.create(params.uid!, body, actor(user),
        (o) => s.audit.record(actor(user), 'operation-created', `device:${o.deviceUid}`, { operation: o.id, kind: o.kind, args: o.args }, source));
      return query.wait ? s.operations.waitFinished(op.id, query.wait * 1000, op) : op;
    },
    listOperations: ({ query }) => s.operations.list(query),
    getOperation: ({ params }) => s.operations.get(idOf(params.id, 'operation')),
    async cancelOperation({ params, user, source }) {
      const op = await s.operations.cancel(idOf(params.id, 'operation'), actor(user));
      s.audit.record(actor(user), 'operation-cancelled', `device:${op.deviceUid}`, { operation: op.id, kind: op.kind }, source);
      return op;
    },
    async retryOperation({ params, user, source }) {
      const op = await s.operations.retry(idOf(params.id, 'operation'), actor(user));
      s.audit.record(actor(user), 'operation-created', `device:${op.deviceUid}`, { operation: op.id, kind: op.kind, args: op.args, retryOf: op.retryOf }, source);
      return op;
    },
    async createBatch({ body, user, source }) {
      return s.operations.createBatch(body, actor(user), (batch) => s.audit.record(actor(user), 'operations-bulk-created',
        'tag' in body.target ? `tag:${body.target.tag}` : `devices:${batch.summary.total}`,
        { batch: batch.id, kind: batch.kind, args: batch.args, devices: batch.summary.total, unknown: batch.unknown }, source));
    },
    getBatch: ({ params }) => s.operations.batch(idOf(params.id, 'bulk operation')),
  };
}
