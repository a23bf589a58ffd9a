// First-run setup (owner account) and login.
import { useState } from 'react';
import type { FormEvent, ReactNode, Ref } from 'react';
import { Credentials, SetupRequest } from '../../../core/contract/api.js';
import type { User } from '../../../core/contract/api.js';
import type { FieldLabels } from '../form-errors.js';
import { useFieldErrors } from '../use-field-errors.js';
import { formatWait } from '../../../core/contract/wait.js';
import { ApiError, call } from '../api.js';
import { useNow } from '../format.js';
import { useAction } from '../use-action.js';
import { ErrorMessage, SubmitButton } from '../components/common.js';

function AuthForm({ title, subtitle, testId, onSubmit, error, submitButton, children, formRef }: {
  title: string; subtitle: string; testId: string; onSubmit: (e: FormEvent) => void; error: string | null;
  submitButton: ReactNode; children: ReactNode; formRef: Ref<HTMLFormElement>;
}) {
  return (
    <main className="center-screen" id="main">
      <div className="auth-card">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Outpost</span>
        </div>
        <h1>{title}</h1>
        <p className="muted">{subtitle}</p>
        <form className="form" onSubmit={onSubmit} data-testid={testId} ref={formRef} noValidate>
          {children}
          <ErrorMessage error={error} />
          {submitButton}
        </form>
      </div>
    </main>
  );
}

const setupLabels: FieldLabels = { username: { label: 'Username' }, password: { label: 'Password' }, confirm: { label: 'Confirm password' } };

export function SetupPage({ onDone }: { onDone: (me: User) => void }) {
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, submit } = useAction();
  const fields = useFieldErrors(setupLabels);

  const create = submit(async () => {
    const raw = { username, password };
    const body = fields.check(SetupRequest, raw);
    if (password !== confirm) fields.show({ confirm: 'The passwords do not match.' });
    onDone(await fields.send(raw, () => call('setup', { body })));
  }, { keepBusy: true });

  return (
    <AuthForm title="Welcome" subtitle="Create the owner account. It can manage users, devices and settings."
      testId="setup-form" onSubmit={create} error={error} formRef={fields.formRef}
      submitButton={<SubmitButton busy={busy} busyLabel="Creating…" testId="setup-submit">Create account</SubmitButton>}>
      <div className="field">
        <label>Username
          <input name="username" autoComplete="username" required value={username}
            onChange={(e) => setUsername(e.target.value)} data-testid="setup-username" {...fields.field('username')} />
        </label>
        {fields.errorFor('username')}
      </div>
      <div className="field">
        <label>Password <span className="hint">at least 8 characters</span>
          <input name="password" type="password" autoComplete="new-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} data-testid="setup-password" {...fields.field('password')} />
        </label>
        {fields.errorFor('password')}
      </div>
      <div className="field">
        <label>Confirm password
          <input name="confirm" type="password" autoComplete="new-password" required value={confirm}
            onChange={(e) => setConfirm(e.target.value)} data-testid="setup-confirm" {...fields.field('confirm')} />
        </label>
        {fields.errorFor('confirm')}
      </div>
    </AuthForm>
  );
}

const loginLabels: FieldLabels = { username: { label: 'Username' }, password: { label: 'Password' } };

export function LoginPage({ onDone }: { onDone: (me: User) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useAction();
  const fields = useFieldErrors(loginLabels);
  // after too many failed logins (429) or while the server is busy (503): when to try again
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const now = useNow(500);

  // on success the app shows itself in place of this page: stay busy until then
  const login = submit(async () => {
    setRetryAt(null);
    const raw = { username, password };
    const body = fields.check(Credentials, raw);
    try {
      onDone(await fields.send(raw, () => call('login', { body })));
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
    <AuthForm title="Log in" subtitle="Sign in to manage your devices." testId="login-form" onSubmit={login} error={shown} formRef={fields.formRef}
      submitButton={<SubmitButton busy={busy} busyLabel="Logging in…" testId="login-submit">Log in</SubmitButton>}>
      <div className="field">
        <label>Username
          <input name="username" autoComplete="username" required autoFocus value={username}
            onChange={(e) => setUsername(e.target.value)} data-testid="login-username" {...fields.field('username')} />
        </label>
        {fields.errorFor('username')}
      </div>
      <div className="field">
        <label>Password
          <input name="password" type="password" autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} data-testid="login-password" {...fields.field('password')} />
        </label>
        {fields.errorFor('password')}
      </div>
    </AuthForm>
  );
}
