// Settings: everyone sees them and the running ports; admins edit.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { Settings, SettingsResponse, User } from '../../../core/contract/api.js';
import { call, errorMessage, mayCall } from '../api.js';
import { Card, ErrorMessage, Loading, Notice, SubmitButton } from '../components/common.js';
import { useAction } from '../use-action.js';

export function SettingsPage({ me }: { me: User }) {
  const [data, setData] = useState<SettingsResponse | null>(null);
  const [form, setForm] = useState<Settings | null>(null);
  const { busy, error, setError, run } = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  const canEdit = mayCall(me.role, 'updateSettings');

  useEffect(() => {
    call('getSettings').then((r) => { setData(r); setForm(r.settings); }, (e) => setError(errorMessage(e)));
  }, [setError]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form || !data) return;
    setSaved(null);
    void run(async () => {
      const changed: Partial<Settings> = {};
      for (const k of Object.keys(form) as (keyof Settings)[]) {
        if (form[k] !== data.settings[k]) (changed as Record<string, unknown>)[k] = form[k];
      }
      const r = await call('updateSettings', { body: changed });
      setData(r);
      setForm(r.settings);
      const portsChanged = changed.httpPort !== undefined || changed.mqttPort !== undefined;
      setSaved(portsChanged ? 'Saved. The new ports apply after Outpost restarts.' : 'Saved.');
    });
  }

  const num = (k: 'mqttPort' | 'httpPort' | 'silenceTimeoutSec' | 'retentionDays' | 'auditRetentionDays') => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => (f ? { ...f, [k]: e.target.value === '' ? 0 : Number(e.target.value) } : f));

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>Settings</h1>
          <p className="muted">{canEdit ? 'Changes are saved for this Outpost.' : 'Only administrators can change settings.'}</p>
        </div>
      </header>
      <ErrorMessage error={error} onDismiss={() => setError(null)} />
      {saved && <Notice testId="settings-saved">{saved}</Notice>}
      {!data || !form ? (!error && <Loading />) : (
        <div className="grid-2 top">
          <Card title="Running now" testId="settings-running">
            <dl className="kv">
              <div className="kv-row"><dt>HTTP port</dt><dd><code data-testid="running-http-port">{data.running.httpPort}</code></dd></div>
              <div className="kv-row"><dt>MQTT port</dt><dd><code data-testid="running-mqtt-port">{data.running.mqttPort ?? 'not running'}</code></dd></div>
            </dl>
            {data.running.mqttError && <p className="alert alert-error" data-testid="mqtt-error">{data.running.mqttError}</p>}
            {data.running.warnings.map((w) => <p key={w} className="alert alert-error" data-testid="startup-warning">{w}</p>)}
            {(data.running.httpPort !== data.settings.httpPort && data.settings.httpPort !== 0) ||
             (data.running.mqttPort !== data.settings.mqttPort && data.settings.mqttPort !== 0) ? (
              <p className="hint">The saved ports differ from the running ones: they apply after a restart.</p>
            ) : null}
          </Card>
          <Card title="Configuration" testId="settings-form">
            <form className="form" onSubmit={submit}>
              <label>MQTT port <span className="hint">applies after restart; 0 = any free port</span>
                <input type="number" min={0} max={65535} value={form.mqttPort} onChange={num('mqttPort')} disabled={!canEdit} data-testid="setting-mqtt-port" />
              </label>
              <label>Largest MQTT message (KiB) <span className="hint">a device that sends a bigger packet is disconnected; applies to connections made after saving; 1024 = 1 MiB</span>
                <input type="number" min={1} max={65536} step={1} value={form.mqttMaxPacketBytes / 1024} disabled={!canEdit} data-testid="setting-mqtt-max-packet"
                  onChange={(e) => setForm((f) => (f ? { ...f, mqttMaxPacketBytes: Math.round(Number(e.target.value) * 1024) } : f))} />
              </label>
              <label>HTTP port <span className="hint">applies after restart; 0 = any free port</span>
                <input type="number" min={0} max={65535} value={form.httpPort} onChange={num('httpPort')} disabled={!canEdit} data-testid="setting-http-port" />
              </label>
              <label>Silence timeout (seconds) <span className="hint">a connected device silent this long is marked offline</span>
                <input type="number" min={10} max={604800} value={form.silenceTimeoutSec} onChange={num('silenceTimeoutSec')} disabled={!canEdit} data-testid="setting-silence-timeout" />
              </label>
              <label>Keep data (days) <span className="hint">older telemetry and device events are deleted; 0 = keep everything</span>
                <input type="number" min={0} max={36500} value={form.retentionDays} onChange={num('retentionDays')} disabled={!canEdit} data-testid="setting-retention-days" />
              </label>
              <label>Keep audit log (days) <span className="hint">older audit entries are deleted; 0 = keep everything</span>
                <input type="number" min={0} max={36500} value={form.auditRetentionDays} onChange={num('auditRetentionDays')} disabled={!canEdit} data-testid="setting-audit-retention-days" />
              </label>
              <label className="check">
                <input type="checkbox" checked={form.anonymousMqtt} disabled={!canEdit} data-testid="setting-anonymous-mqtt"
                  onChange={(e) => setForm((f) => (f ? { ...f, anonymousMqtt: e.target.checked } : f))} />
                <span>Allow anonymous MQTT clients <span className="hint">not recommended: clients without a token may publish under the root of any existing device; turning it off disconnects them at once</span></span>
              </label>
              <label className="check">
                <input type="checkbox" checked={form.anonymousMqttRead} disabled={!canEdit || !form.anonymousMqtt} data-testid="setting-anonymous-mqtt-read"
                  onChange={(e) => setForm((f) => (f ? { ...f, anonymousMqttRead: e.target.checked } : f))} />
                <span>Anonymous clients may also read device data <span className="hint">lets them subscribe under any device's root: anyone who can reach the port sees every device's messages</span></span>
              </label>
              {canEdit && (
                <div className="form-actions">
                  <SubmitButton busy={busy} busyLabel="Saving…" testId="settings-save">Save settings</SubmitButton>
                  <button type="button" className="btn btn-ghost" onClick={() => setForm(data.settings)} disabled={busy}>Reset</button>
                </div>
              )}
            </form>
          </Card>
        </div>
      )}
    </div>
  );
}
