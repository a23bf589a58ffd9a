/** An expected failure of a domain call; the API maps the code to an HTTP status. */
export class DomainError extends Error {
  constructor(readonly code: 'not_found' | 'conflict' | 'invalid' | 'forbidden' | 'unauthorized', message: string) {
    super(message);
  }
}
