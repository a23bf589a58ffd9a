// The shell: decides between setup, login and the app; nav by role; hash routing.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { User } from '../../core/contract/api.js';
import { call, errorMessage, mayCall, onUnauthorized, ApiError } from './api.js';
import { setLiveEnabled, useLiveState } from './live.js';
import { useRoute } from './router.js';
import type { Route } from './router.js';
import { Forbidden, Loading } from './components/common.js';
import { LoginPage, SetupPage } from './pages/Auth.js';
import { AuditPage, DevicePage, DevicesPage, OperationsPage, PageChunk, SettingsPage, UsersPage } from './lazy-pages.js';
import { focusElement, pageHeading, useFocusHeadingOn } from './focus.js';
import { ThemeChoice } from './components/ThemeChoice.js';
import { sessionCheck, takeSessionCheckIfDone, type SessionCheck } from './session-check.js';

type Boot =
  | { kind: 'loading' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'setup' }
  | { kind: 'login' }
  | { kind: 'ready'; me: User };

/** What the shell shows for an answer of the session check; throws what it cannot handle. */
function bootOf({ setup: s, me }: SessionCheck): Boot {
  if (s.needsSetup) return { kind: 'setup' };
  if ('user' in me) return { kind: 'ready', me: me.user };
  if (me.error instanceof ApiError && me.error.status === 401) return { kind: 'login' };
  throw me.error;
}

export function App() {
  // the session check's answer, when it arrived before the first render: no "Connecting…" pass
  const [boot, setBoot] = useState<Boot>(() => {
    const done = takeSessionCheckIfDone();
    if (!done) return { kind: 'loading' };
    try { return bootOf(done); } catch (e) { return { kind: 'unreachable', message: errorMessage(e) }; }
  });

  const start = useCallback(async () => {
    setBoot({ kind: 'loading' });
    try {
      setBoot(bootOf(await sessionCheck()));
    } catch (e) {
      setBoot({ kind: 'unreachable', message: errorMessage(e) });
    }
  }, []);

  const decided = useRef(boot.kind !== 'loading');
  useEffect(() => {
    if (decided.current) { decided.current = false; return; }
    void start();
  }, [start]);

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
      return <main className="center-screen" id="main"><Loading what="Connecting to Outpost…" /></main>;
    case 'unreachable':
      return (
        <main className="center-screen" id="main">
          <div className="auth-card">
            <Brand />
            <h1>Outpost cannot be reached</h1>
            <div className="alert alert-error" role="alert" data-testid="error-message">{boot.message}</div>
            <button type="button" className="btn btn-primary" onClick={() => void start()}>Try again</button>
          </div>
        </main>
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
    { route: 'operations', label: 'Operations', allowed: mayCall(me.role, 'listOperations'), testId: 'nav-operations' },
    { route: 'users', label: 'Users', allowed: mayCall(me.role, 'listUsers'), testId: 'nav-users' },
    { route: 'audit', label: 'Audit log', allowed: mayCall(me.role, 'listAudit'), testId: 'nav-audit' },
    { route: 'settings', label: 'Settings', allowed: mayCall(me.role, 'getSettings'), testId: 'nav-settings' },
  ];
  const current = route.name === 'device' ? 'devices' : route.name;
  const mqttError = useMqttError();
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    const titles: Record<Route['name'], string> = {
      devices: 'Devices', device: route.name === 'device' ? route.uid : 'Device', users: 'Users',
      audit: 'Audit log', settings: 'Settings', notFound: 'Not found', operations: 'Operations',
    };
    document.title = `${titles[route.name]} · Outpost`;
  }, [route]);

  // a new page (not a new tab of the same device): close the phone menu, focus the page's heading
  const pageKey = route.name === 'device' ? `device/${route.uid}` : route.name === 'notFound' ? `notFound/${route.path}` : route.name;
  useEffect(() => setMenuOpen(false), [pageKey]);
  useFocusHeadingOn(pageKey);

  const liveLabel = live === 'open' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Offline';
  const liveDot = <span className={`dot ${live === 'open' ? 'dot-online' : live === 'connecting' ? 'dot-never' : 'dot-offline'}`} aria-hidden="true" />;

  return (
    <div className="layout">
      <a className="skip-link" href="#main" data-testid="skip-link"
        onClick={(e) => { e.preventDefault(); if (!focusElement(pageHeading())) focusElement(document.getElementById('main')); }}>
        Skip to content
      </a>
      <header className={`sidebar ${menuOpen ? 'open' : ''}`}
        onKeyDown={(e) => { if (e.key === 'Escape' && menuOpen) { setMenuOpen(false); document.getElementById('menu-toggle')?.focus(); } }}>
        <div className="sidebar-top">
          <Brand />
          <div className="live live-compact" aria-hidden="true">{liveDot}{liveLabel}</div>
          <button type="button" className="btn btn-small btn-ghost menu-toggle" aria-expanded={menuOpen} aria-controls="main-menu" id="menu-toggle"
            onClick={() => setMenuOpen((o) => !o)} data-testid="menu-toggle">
            {menuOpen ? 'Close menu' : 'Menu'}
          </button>
        </div>
        <div className="sidebar-menu" id="main-menu">
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
            <div className="live" data-testid="live-state" data-state={live} role="status" title="Live updates">
              {liveDot}{liveLabel}
            </div>
            <ThemeChoice />
            <div className="me">
              <div className="me-name" data-testid="current-user">{me.username}</div>
              <div className="me-role" data-testid="current-role">{me.role}</div>
            </div>
            <button type="button" className="btn btn-small btn-ghost" onClick={onLogout} data-testid="logout">Log out</button>
          </div>
        </div>
      </header>
      <main className="content" id="main" tabIndex={-1}>
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

/**
 * Why the MQTT broker is not running, if it is not (e.g. its port is taken). Asked once the page
 * has had its first requests answered (the browser is idle), so it does not hold them up.
 */
function useMqttError(): string | null {
  const [mqttError, setMqttError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    const ask = () => call('getSettings').then((s) => { if (!cancelled) setMqttError(s.running.mqttError); }, () => undefined);
    const idle = window.requestIdleCallback?.(ask, { timeout: 2000 });
    const timer = idle === undefined ? setTimeout(ask, 500) : undefined;
    return () => {
      cancelled = true;
      if (idle !== undefined) window.cancelIdleCallback(idle);
      clearTimeout(timer);
    };
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
    case 'operations': return <OperationsPage me={me} batch={route.batch} />;
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
