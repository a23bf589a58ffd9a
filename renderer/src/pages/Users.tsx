// Users (admin only): list, create, change role, disable/enable, reset password.
import { useCallback, useEffect, useRef, useState } from 'react';
import { CreateUserRequest, UpdateUserRequest, roles } from '../../../core/contract/api.js';
import type { Role, User } from '../../../core/contract/api.js';
import { call, errorMessage } from '../api.js';
import { formatDateTime } from '../format.js';
import { Card, ErrorMessage, FormCard, Loading, Notice, SubmitButton } from '../components/common.js';
import { useAction } from '../use-action.js';
import type { FieldLabels } from '../form-errors.js';
import { useFieldErrors } from '../use-field-errors.js';
import { useFocusWhenClosed, useReturnFocus } from '../focus.js';

const roleHelp: Record<Role, string> = {
  viewer: 'sees devices and data',
  operator: 'also adds devices and issues tokens',
  admin: 'everything, including users and settings',
};

export function UsersPage({ me }: { me: User }) {
  const [users, setUsers] = useState<User[] | null>(null);
  const { error, setError, run } = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const [resetFor, setResetFor] = useState<number | null>(null);

  const load = useCallback(async () => {
    try { setUsers(await call('listUsers')); } catch (e) { setError(errorMessage(e)); }
  }, [setError]);
  useEffect(() => { void load(); }, [load]);

  function replace(u: User) {
    setUsers((list) => list?.map((x) => (x.id === u.id ? u : x)) ?? list);
  }

  async function update(u: User, body: { role?: Role; disabled?: boolean }, what: string) {
    setNotice(null);
    const ok = await run(async () => {
      const updated = await call('updateUser', { params: { id: u.id }, body });
      // your own role changed: start over so navigation and permissions match it
      if (u.id === me.id && updated.role !== me.role) { window.location.reload(); return; }
      replace(updated);
      setNotice(`${u.username}: ${what}.`);
    });
    if (!ok) void load(); // show the real state again (e.g. a role select that was refused)
  }

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>Users</h1>
          <p className="muted">Who may use this Outpost, and what they may do.</p>
        </div>
      </header>
      <ErrorMessage error={error} onDismiss={() => setError(null)} />
      {notice && <Notice testId="notice">{notice}</Notice>}

      <CreateUserForm onCreated={(u) => { setUsers((l) => (l ? [...l, u] : [u])); setNotice(`User ${u.username} created.`); }} />

      <Card className="table-card" title="All users">
        {users === null ? <Loading /> : (
          <table className="table table-cards" data-testid="users-table">
            <thead><tr><th>User</th><th>Role</th><th>Status</th><th>Created</th><th className="right">Actions</th></tr></thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} data-testid={`user-row-${u.username}`} className={u.disabled ? 'dimmed' : ''}>
                  <td data-label="User" className="card-title">
                    <strong>{u.username}</strong>
                    {u.id === me.id && <span className="badge">you</span>}
                  </td>
                  <td data-label="Role">
                    <RoleChoice user={u} onApply={(role) => update(u, { role }, `role set to ${role}`)} />
                  </td>
                  <td data-label="Status" data-testid="user-status">
                    {u.disabled ? <span className="badge badge-off">disabled</span> : <span className="badge badge-on">active</span>}
                  </td>
                  <td data-label="Created" className="nowrap">{formatDateTime(u.createdAt)}</td>
                  <td data-label="Actions" className="right nowrap cell-actions">
                    <button type="button" className="btn btn-small" data-testid="user-toggle-disabled"
                      onClick={() => void update(u, { disabled: !u.disabled }, u.disabled ? 'enabled' : 'disabled')}>
                      {u.disabled ? 'Enable' : 'Disable'}
                    </button>
                    <button type="button" className="btn btn-small" data-testid="user-reset-password" id={`reset-password-${u.id}`}
                      aria-expanded={resetFor === u.id} onClick={() => setResetFor(resetFor === u.id ? null : u.id)}>Reset password</button>
                    {resetFor === u.id && (
                      <ResetPassword user={u}
                        onDone={() => { setResetFor(null); setNotice(`Password of ${u.username} changed.`); }}
                        onCancel={() => setResetFor(null)} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

/**
 * A user's role: picking one in the list does not change it yet (arrow keys on a closed select
 * would otherwise apply every role they pass); "Apply" does.
 */
function RoleChoice({ user, onApply }: { user: User; onApply: (role: Role) => Promise<void> }) {
  const [pending, setPending] = useState<Role>(user.role);
  useEffect(() => setPending(user.role), [user.role]);
  const changed = pending !== user.role;
  const select = useRef<HTMLSelectElement>(null);
  useFocusWhenClosed(changed, select); // Apply and Cancel go away: focus back on the list
  return (
    <span className="role-choice">
      <select ref={select} value={pending} aria-label={`Role of ${user.username}`} data-testid="user-role"
        onChange={(e) => setPending(e.target.value as Role)}
        onKeyDown={(e) => { if (e.key === 'Enter' && changed) { e.preventDefault(); void onApply(pending); } }}>
        {roles.map((r) => <option key={r} value={r}>{r}</option>)}
      </select>
      {changed && (
        <>
          <button type="button" className="btn btn-small btn-primary" data-testid="user-role-apply" onClick={() => void onApply(pending)}>Apply</button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setPending(user.role)}>Cancel</button>
        </>
      )}
    </span>
  );
}

const passwordLabels: FieldLabels = { password: { label: 'New password' } };

function ResetPassword({ user, onDone, onCancel }: { user: User; onDone: () => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const { error, submit } = useAction();
  const fields = useFieldErrors(passwordLabels);
  // closing (set or cancelled) puts focus back on the "Reset password" button that opened it
  useReturnFocus(`#reset-password-${user.id}`);
  const reset = submit(async () => {
    const body = fields.check(UpdateUserRequest, { password });
    await fields.send(body, () => call('updateUser', { params: { id: user.id }, body }));
    onDone();
  });
  return (
    <form className="inline-form" onSubmit={reset} data-testid="reset-password-form" ref={fields.formRef} noValidate
      onKeyDown={(e) => { if (e.key === 'Escape') onCancel(); }}>
      <input type="password" autoComplete="new-password" placeholder="New password (8+ characters)" required minLength={8}
        value={password} onChange={(e) => setPassword(e.target.value)} aria-label={`New password for ${user.username}`} autoFocus
        data-testid="reset-password-input" {...fields.field('password')} />
      <button type="submit" className="btn btn-small btn-primary" data-testid="reset-password-submit">Set</button>
      <button type="button" className="btn btn-small btn-ghost" onClick={onCancel}>Cancel</button>
      {fields.errorFor('password')}
      <ErrorMessage error={error} />
    </form>
  );
}

const userLabels: FieldLabels = { username: { label: 'Username' }, password: { label: 'Password' }, role: { label: 'Role' } };

function CreateUserForm({ onCreated }: { onCreated: (u: User) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const { busy, error, submit } = useAction();
  const fields = useFieldErrors(userLabels);

  const create = submit(async () => {
    const raw = { username, password, role };
    const body = fields.check(CreateUserRequest, raw);
    onCreated(await fields.send(raw, () => call('createUser', { body })));
    setUsername('');
    setPassword('');
  });

  return (
    <FormCard title="Add user" testId="create-user-form" onSubmit={create} error={error} formRef={fields.formRef}
      actions={<SubmitButton busy={busy} busyLabel="Creating…" testId="new-user-submit">Create user</SubmitButton>}>
      <div className="field">
        <label>Username
          <input required value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" data-testid="new-user-username"
            {...fields.field('username')} />
        </label>
        {fields.errorFor('username')}
      </div>
      <div className="field">
        <label>Password
          <input type="password" required value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password"
            placeholder="8+ characters" data-testid="new-user-password" {...fields.field('password')} />
        </label>
        {fields.errorFor('password')}
      </div>
      <div className="field">
        <label>Role <span className="hint">{roleHelp[role]}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="new-user-role">
            {roles.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
      </div>
    </FormCard>
  );
}
