// Turns whatever an executor threw into the reply's {code, message}, within the wire limits.
import type { OperationErrorBody } from '../../core/codecs/operation-messages.js';

const MAX_CODE = 200;
const MAX_MESSAGE = 10_000;

export function errorBody(err: unknown): OperationErrorBody {
  if (typeof err === 'object' && err !== null) {
    const { code, message } = err as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && code.length > 0 && typeof message === 'string') {
      return { code: code.slice(0, MAX_CODE), message: message.slice(0, MAX_MESSAGE) };
    }
    if (typeof message === 'string') return { code: 'internal', message: message.slice(0, MAX_MESSAGE) };
  }
  return { code: 'internal', message: String(err).slice(0, MAX_MESSAGE) };
}
