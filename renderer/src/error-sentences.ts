// A failed API call as a sentence for the user: the server's own words where they are specific,
// a plain explanation of the status where they are not. Pure (unit tested in error-sentences.test.ts).
import { fieldErrors } from './form-errors.js';

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const sentence = (s: string) => {
  const t = capitalize(s.trim());
  return !t || /[.!?]$/.test(t) ? t : `${t}.`;
};

export interface FailedCall {
  /** HTTP status; 0 when the server could not be reached */
  status: number;
  /** the server's `error`, when it sent one */
  serverMessage: string | null;
  /** the server's `details` (zod issues for refused input) */
  details?: unknown;
  /** what was sent, to quote lengths in the sentence */
  body?: unknown;
  /** a call that needs no session (login, setup): a 401 means wrong credentials, not an expired session */
  public?: boolean;
}

export function errorSentence({ status, serverMessage, details, body, public: isPublic }: FailedCall): string {
  const said = serverMessage ? sentence(serverMessage) : null;
  switch (status) {
    case 0:
      return 'Cannot reach the Outpost server. Check that it is running and that this device can reach it, then try again.';
    case 400: {
      const first = Object.values(fieldErrors(details, body))[0];
      if (first) return first;
      return said ?? 'Outpost refused the request as invalid.';
    }
    case 401:
      return isPublic && said ? said : 'Your session has ended. Log in again.';
    case 403:
      return said ? `You are not allowed to do this. ${said}` : 'You are not allowed to do this.';
    case 404:
      if (serverMessage?.startsWith('no such endpoint')) return 'This page asked Outpost for something it does not know. Reload the page; Outpost may have been updated.';
      return said ?? 'Not found. It may have been deleted.';
    case 409:
      return said ?? 'That conflicts with the current state. Reload and try again.';
    case 413:
      return `That is too large for Outpost to accept${serverMessage ? ` (${serverMessage})` : ''}.`;
    case 429:
      return said ?? 'Too many attempts. Wait a little and try again.';
    case 500:
      return 'Outpost ran into an internal error. The Outpost log has the details.';
    case 502: case 504:
      return 'Outpost did not answer in time. Try again in a moment.';
    case 503:
      return said ?? 'Outpost is busy. Try again in a moment.';
    default:
      return said ?? `The request failed (HTTP ${status}).`;
  }
}
