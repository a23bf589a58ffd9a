// First-run setup (owner account) and login.
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { User } from '../../../core/contract/api.js';
import { formatWait } from '../../../core/contract/wait.js';
import { ApiError, call } from '../api.js';
import { useNow } from '../format.js';
import { useAction } from '../use-action.js';
import { ErrorMessage, SubmitButton } from '../components/common.js';

function AuthForm({ title, subtitle, testId, onSubmit, error, submitButton, children }: {
  title: string; subtitle: string; testId: string; onSubmit: (e: FormEvent) => void; error: string | null;
  submitButton: ReactNode; children: ReactNode;
}) {
  return (
    <div className="center-screen">
      <div className="auth-card">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Outpost</span>
        </div>
        <h1>{title}</h1>
        <p className="muted">{subtitle}</p>
        <form className="form" onSubmit={onSubmit} data-testid={testId}>
          {children}
          <ErrorMessage error={error} />
          {submitButton}
        </form>
      </div>
    </div>
  );
}

export function SetupPage({ onDone }: { onDone: (me: User) => void }) {
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, setError, run } = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (password.length < 8) { setError('The password needs at least 8 characters.'); return; }
    if (password !== confirm) { setError('The passwords do not match.'); return; }
    void run(async () => onDone(await call('setup', { body: { username: username.trim(), password } })));
  }

  return (
    <AuthForm title="Welcome" subtitle="Create the owner account. It can manage users, devices and settings."
      testId="setup-form" onSubmit={submit} error={error}
      submitButton={<SubmitButton busy={busy} busyLabel="Creating…" testId="setup-submit">Create account</SubmitButton>}>
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
    </AuthForm>
  );
}

export function LoginPage({ onDone }: { onDone: (me: User) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useAction();
  // after too many failed logins (429) or while the server is busy (503): when to try again
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const now = useNow(500);

  // on success the app shows itself in place of this page: stay busy until then
  const login = submit(async () => {
    setRetryAt(null);
    try {
      onDone(await call('login', { body: { username: username.trim(), password } }));
    } catch (e) {
      if (e instanceof ApiError && e.retryAfterSec !== null) setRetryAt(Date.now() + e.retryAfterSec * 1000);
      throw e;
    }
  }, { keepBusy: true });

  // the server's "… Try again in 2 min 10 s." counts down here
  const left = retryAt === null ? 0 : Math.ceil((retryAt - now) / 1000);
  const shown = retryAt === null || !error ? error
    : left > 0 ? error.replace(/Try again in [^.]+\.$/, `Try again in ${formatWait(left)}.`)
    : 'You can try again now.';

  return (
    <AuthForm title="Log in" subtitle="Sign in to manage your devices." testId="login-form" onSubmit={login} error={shown}
      submitButton={<SubmitButton busy={busy} busyLabel="Logging in…" testId="login-submit">Log in</SubmitButton>}>
      <label>Username
        <input name="username" autoComplete="username" required autoFocus value={username}
          onChange={(e) => setUsername(e.target.value)} data-testid="login-username" />
      </label>
      <label>Password
        <input name="password" type="password" autoComplete="current-password" required value={password}
          onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
      </label>
    </AuthForm>
  );
}
