/** An expected failure of a domain call; the API maps the code to an HTTP status. */
export class DomainError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid' | 'forbidden' | 'unauthorized' | 'rate_limited' | 'busy',
    message: string,
    /** for rate_limited and busy: when to ask again (the API sends it as Retry-After) */
    readonly retryAfterSec?: number,
  ) {
    super(message);
  }
}
