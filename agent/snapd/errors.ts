// The one error type of the snapd client. `kind` and `message` are snapd's own words whenever
// snapd said something (an error envelope, a failed change's `err`); the client's own failures use
// the SNAPD_CLIENT_KINDS below, which snapd never uses.
export const SNAPD_CLIENT_KINDS = {
  /** socket missing or refusing past the retry budget, or still in maintenance */
  unavailable: 'snapd-unavailable',
  /** one request got no complete answer within the request timeout */
  timeout: 'snapd-timeout',
  /** the answer was larger than the client accepts */
  tooLarge: 'snapd-response-too-large',
  /** the answer was not a snapd envelope (same word as the codec's INVALID_SNAPD_RESPONSE) */
  invalid: 'invalid-snapd-response',
  /** a change ended in Error (snapd gives no kind for it; the message is its `err`) */
  changeError: 'change-error',
} as const;

export interface SnapdErrorDetails {
  statusCode?: number;
  value?: unknown;
  /** for a failed change: the final change as decoded */
  change?: unknown;
  cause?: unknown;
}

export class SnapdError extends Error {
  override readonly name = 'SnapdError';
  /** snapd's kind verbatim (undefined when snapd gave none), or one of SNAPD_CLIENT_KINDS */
  readonly kind: string | undefined;
  readonly statusCode: number | undefined;
  readonly value: unknown;
  readonly change: unknown;

  constructor(kind: string | undefined, message: string, details: SnapdErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.statusCode = details.statusCode;
    this.value = details.value;
    this.change = details.change;
  }

  /** A never-empty code for replies: snapd's kind, or `snapd-error` when snapd gave none. */
  get code(): string {
    return this.kind ?? 'snapd-error';
  }
}
