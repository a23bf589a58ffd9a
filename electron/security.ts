// Electron security checklist for the shell: permissions, CSP, navigation and new windows.
// Applied to every session/webContents, so nothing created later slips past.
import { shell, type Session, type WebContents } from 'electron';
import { contentSecurityPolicy, isCoreUrl, isExternalLinkAllowed } from './url-policy.js';

type CoreOrigin = () => string | null;

export function hardenSession(session: Session, coreOrigin: CoreOrigin): void {
  // The UI needs no camera, notifications, geolocation, USB, ... : deny every request and check.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  // Add the shell's CSP to every response, next to core's own (browsers enforce both).
  session.webRequest.onHeadersReceived((details, callback) => {
    const origin = coreOrigin();
    const policy = origin ? contentSecurityPolicy(origin) : "default-src 'none'";
    const headers = { ...details.responseHeaders };
    const name = Object.keys(headers).find((key) => key.toLowerCase() === 'content-security-policy');
    if (name) headers[name] = [...(headers[name] ?? []), policy];
    else headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
}

export function hardenContents(contents: WebContents, coreOrigin: CoreOrigin): void {
  contents.on('will-navigate', (event) => {
    if (isCoreUrl(event.url, coreOrigin())) return;
    event.preventDefault();
    openExternally(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isCoreUrl(event.url, coreOrigin())) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

function openExternally(url: string): void {
  if (!isExternalLinkAllowed(url)) return;
  shell.openExternal(url).catch((error: unknown) => {
    console.error(`Could not open ${url}: ${error instanceof Error ? error.message : String(error)}`);
  });
}
