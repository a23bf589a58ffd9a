// The pages behind the login, each its own chunk: the entry holds only the shell, login and setup,
// and recharts arrives with the device page (the first one with a chart).
import { Component, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Loading } from './components/common.js';
import { lazyNamed } from './lazy-named.js';
import { parseHash, type Route } from './router.js';

const pages = {
  devices: lazyNamed(() => import('./pages/Devices.js').then((m) => m.DevicesPage)),
  device: lazyNamed(() => import('./device/DevicePage.js').then((m) => m.DevicePage)),
  users: lazyNamed(() => import('./pages/Users.js').then((m) => m.UsersPage)),
  audit: lazyNamed(() => import('./pages/Audit.js').then((m) => m.AuditPage)),
  operations: lazyNamed(() => import('./pages/Operations.js').then((m) => m.OperationsPage)),
  settings: lazyNamed(() => import('./pages/Settings.js').then((m) => m.SettingsPage)),
} satisfies Partial<Record<Route['name'], unknown>>;

export const DevicesPage = pages.devices.Component;
export const DevicePage = pages.device.Component;
export const UsersPage = pages.users.Component;
export const AuditPage = pages.audit.Component;
export const OperationsPage = pages.operations.Component;
export const SettingsPage = pages.settings.Component;

// The page the address names starts loading with the app, while the shell still asks the server
// who is logged in, instead of after that (import() runs each module once: React.lazy gets the
// same one), and is then shown without a Loading pass. A failure here is left to the page's own
// load, which shows it.
const first = parseHash(window.location.hash).name;
if (first in pages) void pages[first as keyof typeof pages].preload().catch(() => undefined);

/** Shows Loading while a page's chunk arrives, and a way out if it cannot. */
export function PageChunk({ children }: { children: ReactNode }) {
  return (
    <ChunkError>
      <Suspense fallback={<div className="page"><Loading /></div>}>{children}</Suspense>
    </ChunkError>
  );
}

// A chunk fails to load when the network drops or Outpost was updated under an open page (the old
// hashed files are gone); React.lazy remembers the failure, so only a reload fetches it again.
// A page that throws while rendering lands here too, instead of blanking the whole app.
class ChunkError extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() { return { failed: true }; }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="page">
        <div className="alert alert-error" role="alert" data-testid="page-load-error">
          This page could not be loaded or shown. Outpost may have been updated or the connection dropped.{' '}
          <button type="button" className="btn btn-small" onClick={() => window.location.reload()}>Reload</button>
        </div>
      </div>
    );
  }
}
