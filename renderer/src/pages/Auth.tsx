// First-run setup (owner account) and login.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { User } from '../../../core/contract/api.js';
import { call, errorMessage } from '../api.js';
import { ErrorMessage } from '../components/common.js';

function AuthFrame({ title, subtitle, children }: { title: string; subtitle: string; children: React.ReactNode }) {
  return (
    <div className="center-screen">
      <div className="auth-card">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Outpost</span>
        </div>
        <h1>{title}</h1>
        <p className="muted">{subtitle}</p>
        {children}
      </div>
    </div>
  );
}

export function SetupPage({ onDone }: { onDone: (me: User) => void }) {
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (password.length < 8) { setError('The password needs at least 8 characters.'); return; }
    if (password !== confirm) { setError('The passwords do not match.'); return; }
    setBusy(true);
    try {
      onDone(await call('setup', { body: { username: username.trim(), password } }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame title="Welcome" subtitle="Create the owner account. It can manage users, devices and settings.">
      <form className="form" onSubmit={submit} data-testid="setup-form">
        <label>Username
          <input name="username" autoComplete="username" required value={username}
            onChange={(e) => setUsername(e.target.value)} data-testid="setup-username" />
        </label>
        <label>Password
          <input name="password" type="password" autoComplete="new-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} data-testid="setup-password" />
        </label>
        <label>Confirm password
          <input name="confirm" type="password" autoComplete="new-password" required value={confirm}
            onChange={(e) => setConfirm(e.target.value)} data-testid="setup-confirm" />
        </label>
        <ErrorMessage error={error} />
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="setup-submit">
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
    </AuthFrame>
  );
}

export function LoginPage({ onDone }: { onDone: (me: User) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      onDone(await call('login', { body: { username: username.trim(), password } }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <AuthFrame title="Log in" subtitle="Sign in to manage your devices.">
      <form className="form" onSubmit={submit} data-testid="login-form">
        <label>Username
          <input name="username" autoComplete="username" required autoFocus value={username}
            onChange={(e) => setUsername(e.target.value)} data-testid="login-username" />
        </label>
        <label>Password
          <input name="password" type="password" autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
        </label>
        <ErrorMessage error={error} />
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="login-submit">
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </AuthFrame>
  );
}
