// The shell: decides between setup, login and the app; nav by role; hash routing.
import { useCallback, useEffect, useState } from 'react';
import type { User } from '../../core/contract/api.js';
import { call, errorMessage, mayCall, onUnauthorized, ApiError } from './api.js';
import { setLiveEnabled, useLiveState } from './live.js';
import { useRoute } from './router.js';
import type { Route } from './router.js';
import { Forbidden, Loading } from './components/common.js';
import { LoginPage, SetupPage } from './pages/Auth.js';
import { AuditPage, DevicePage, DevicesPage, PageChunk, SettingsPage, UsersPage } from './lazy-pages.js';

type Boot =
  | { kind: 'loading' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'setup' }
  | { kind: 'login' }
  | { kind: 'ready'; me: User };

export function App() {
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' });

  const start = useCallback(async () => {
    setBoot({ kind: 'loading' });
    try {
      // both at once: one round trip less before the first page
      const [s, me] = await Promise.all([call('setupState'), call('me').then((user) => ({ user }), (error: unknown) => ({ error }))]);
      if (s.needsSetup) { setBoot({ kind: 'setup' }); return; }
      if ('user' in me) setBoot({ kind: 'ready', me: me.user });
      else if (me.error instanceof ApiError && me.error.status === 401) setBoot({ kind: 'login' });
      else throw me.error;
    } catch (e) {
      setBoot({ kind: 'unreachable', message: errorMessage(e) });
    }
  }, []);

  useEffect(() => { void start(); }, [start]);

  useEffect(() => {
    onUnauthorized(() => setBoot((b) => (b.kind === 'ready' ? { kind: 'login' } : b)));
    return () => onUnauthorized(null);
  }, []);

  const loggedIn = boot.kind === 'ready';
  useEffect(() => {
    setLiveEnabled(loggedIn);
  }, [loggedIn]);
  useEffect(() => () => setLiveEnabled(false), []);

  const logout = useCallback(async () => {
    try { await call('logout'); } catch { /* the session is gone either way */ }
    // the next user starts on the device list, not on the page the last one left open
    window.history.replaceState(null, '', '#/devices');
    setBoot({ kind: 'login' });
  }, []);

  switch (boot.kind) {
    case 'loading':
      return <div className="center-screen"><Loading what="Connecting to Outpost…" /></div>;
    case 'unreachable':
      return (
        <div className="center-screen">
          <div className="auth-card">
            <Brand />
            <div className="alert alert-error" role="alert" data-testid="error-message">{boot.message}</div>
            <button type="button" className="btn btn-primary" onClick={() => void start()}>Try again</button>
          </div>
        </div>
      );
    case 'setup':
      return <SetupPage onDone={(me) => setBoot({ kind: 'ready', me })} />;
    case 'login':
      return <LoginPage onDone={(me) => setBoot({ kind: 'ready', me })} />;
    case 'ready':
      return <Shell me={boot.me} onLogout={() => void logout()} />;
  }
}

function Brand() {
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden="true" />
      <span className="brand-name">Outpost</span>
    </div>
  );
}

interface NavItem { route: Route['name']; label: string; allowed: boolean; testId: string }

function Shell({ me, onLogout }: { me: User; onLogout: () => void }) {
  const route = useRoute();
  const live = useLiveState();
  const nav: NavItem[] = [
    { route: 'devices', label: 'Devices', allowed: mayCall(me.role, 'listDevices'), testId: 'nav-devices' },
    { route: 'users', label: 'Users', allowed: mayCall(me.role, 'listUsers'), testId: 'nav-users' },
    { route: 'audit', label: 'Audit log', allowed: mayCall(me.role, 'listAudit'), testId: 'nav-audit' },
    { route: 'settings', label: 'Settings', allowed: mayCall(me.role, 'getSettings'), testId: 'nav-settings' },
  ];
  const current = route.name === 'device' ? 'devices' : route.name;
  const mqttError = useMqttError();

  useEffect(() => {
    const titles: Record<Route['name'], string> = {
      devices: 'Devices', device: route.name === 'device' ? route.uid : 'Device', users: 'Users',
      audit: 'Audit log', settings: 'Settings', notFound: 'Not found',
    };
    document.title = `${titles[route.name]} · Outpost`;
  }, [route]);

  return (
    <div className="layout">
      <aside className="sidebar">
        <Brand />
        <nav aria-label="Main">
          {nav.filter((n) => n.allowed).map((n) => (
            <a key={n.route} href={`#/${n.route}`} data-testid={n.testId}
              className={`nav-link ${current === n.route ? 'active' : ''}`}
              aria-current={current === n.route ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
        <div className="sidebar-foot">
          <div className="live" data-testid="live-state" data-state={live} title="Live updates">
            <span className={`dot ${live === 'open' ? 'dot-online' : live === 'connecting' ? 'dot-never' : 'dot-offline'}`} />
            {live === 'open' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Offline'}
          </div>
          <div className="me">
            <div className="me-name" data-testid="current-user">{me.username}</div>
            <div className="me-role" data-testid="current-role">{me.role}</div>
          </div>
          <button type="button" className="btn btn-small btn-ghost" onClick={onLogout} data-testid="logout">Log out</button>
        </div>
      </aside>
      <main className="content">
        {mqttError && (
          <p className="alert alert-error banner" data-testid="mqtt-banner">
            {mqttError} <a href="#/settings">Settings</a>
          </p>
        )}
        <Page route={route} me={me} />
      </main>
    </div>
  );
}

/** Why the MQTT broker is not running, if it is not (e.g. its port is taken). */
function useMqttError(): string | null {
  const [mqttError, setMqttError] = useState<string | null>(null);
  useEffect(() => {
    call('getSettings').then((s) => setMqttError(s.running.mqttError), () => undefined);
  }, []);
  return mqttError;
}

// keyed by page, so that a page that failed to load does not stay on screen after navigating away
function Page({ route, me }: { route: Route; me: User }) {
  return <PageChunk key={route.name}><RoutePage route={route} me={me} /></PageChunk>;
}

function RoutePage({ route, me }: { route: Route; me: User }) {
  switch (route.name) {
    case 'devices': return <DevicesPage me={me} />;
    case 'device': return <DevicePage key={route.uid} uid={route.uid} tab={route.tab} me={me} />;
    case 'users': return mayCall(me.role, 'listUsers') ? <UsersPage me={me} /> : <Forbidden />;
    case 'audit': return mayCall(me.role, 'listAudit') ? <AuditPage /> : <Forbidden />;
    case 'settings': return <SettingsPage me={me} />;
    case 'notFound':
      return (
        <div className="page">
          <div className="empty" data-testid="not-found">
            <h1>Page not found</h1>
            <p>There is nothing at <code>{route.path}</code>.</p>
            <a className="btn" href="#/devices">Go to devices</a>
          </div>
        </div>
      );
  }
}
