// Pure URL rules for the desktop window: what it may show, what goes to the system browser, and
// the Content-Security-Policy the shell adds to every response.

/** The origin of a URL, or null if it does not parse. */
export function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** The window may only show pages that core serves. */
export function isCoreUrl(url: string, coreOrigin: string | null): boolean {
  return coreOrigin !== null && originOf(url) === coreOrigin;
}

/** Links that leave the app open in the system browser, and only if they are https. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * The shell's CSP. Core sends its own; browsers enforce every policy they receive, so this one is a
 * floor that holds even if core's is missing or too loose.
 */
export function contentSecurityPolicy(coreOrigin: string): string {
  const live = coreOrigin.replace(/^http/, 'ws'); // same-origin WebSocket (http -> ws, https -> wss)
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'", // charting and UI libraries set style attributes
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${live}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
