// Settings: everyone sees them and the running ports; admins edit.
import { useEffect, useState } from 'react';
import { UpdateSettingsRequest } from '../../../core/contract/api.js';
import type { Settings, SettingsResponse, User } from '../../../core/contract/api.js';
import { call, errorMessage, mayCall } from '../api.js';
import { Card, ErrorMessage, Loading, Notice, SubmitButton } from '../components/common.js';
import { useAction } from '../use-action.js';
import type { FieldLabels } from '../form-errors.js';
import { useFieldErrors } from '../use-field-errors.js';
import { explainPort } from '../settings/ports.js';

const labels: FieldLabels = {
  mqttPort: { label: 'MQTT port' },
  httpPort: { label: 'HTTP port' },
  coapPort: { label: 'LwM2M (CoAP/UDP) port' },
  mqttMaxPacketBytes: { label: 'Largest MQTT message', limit: (n) => `${n / 1024} KiB` },
  silenceTimeoutSec: { label: 'Silence timeout', limit: (n) => `${n} seconds` },
  retentionDays: { label: 'Keep data', limit: (n) => `${n} days` },
  auditRetentionDays: { label: 'Keep audit log', limit: (n) => `${n} days` },
};

export function SettingsPage({ me }: { me: User }) {
  const [data, setData] = useState<SettingsResponse | null>(null);
  const [form, setForm] = useState<Settings | null>(null);
  const { busy, error, setError, submit } = useAction();
  const fields = useFieldErrors(labels);
  const [saved, setSaved] = useState<string | null>(null);
  const canEdit = mayCall(me.role, 'updateSettings');

  useEffect(() => {
    call('getSettings').then((r) => { setData(r); setForm(r.settings); }, (e) => setError(errorMessage(e)));
  }, [setError]);

  const save = submit(async () => {
    if (!form || !data) return;
    setSaved(null);
    const changed: Partial<Settings> = {};
    for (const k of Object.keys(form) as (keyof Settings)[]) {
      if (form[k] !== data.settings[k]) (changed as Record<string, unknown>)[k] = form[k];
    }
    const body = fields.check(UpdateSettingsRequest, changed);
    const r = await fields.send(changed, () => call('updateSettings', { body }));
    setData(r);
    setForm(r.settings);
    const portsChanged = changed.httpPort !== undefined || changed.mqttPort !== undefined || changed.coapPort !== undefined;
    setSaved(portsChanged ? 'Saved. The new ports apply after Outpost restarts (unless a command-line flag sets them).' : 'Saved.');
  });

  type NumberKey = 'mqttPort' | 'httpPort' | 'coapPort' | 'silenceTimeoutSec' | 'retentionDays' | 'auditRetentionDays' | 'mqttMaxPacketBytes';
  /** A number setting with its hint and its problem in words; `scale`: the form shows value / scale (bytes as KiB). */
  const numberField = (k: NumberKey, label: string, hint: string, limits: { min: number; max: number; step?: number }, testId: string, scale = 1) => {
    const v = form?.[k] ?? Number.NaN;
    return (
      <div className="field">
        <label>{label} <span className="hint">{hint}</span>
          <input type="number" {...limits} value={Number.isNaN(v) ? '' : v / scale} disabled={!canEdit} data-testid={testId}
            onChange={(e) => {
              // an emptied field stays empty (NaN) so the check says "must be a number" instead of saving 0
              const typed = e.target.value === '' ? Number.NaN : Number(e.target.value);
              const n = scale === 1 ? typed : Math.round(typed * scale);
              setForm((f) => (f ? { ...f, [k]: n } : f));
            }} {...fields.field(k)} />
        </label>
        {fields.errorFor(k)}
      </div>
    );
  };

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
          <Card title="Ports" testId="settings-running">
            <table className="ports" data-testid="ports-table">
              <caption className="visually-hidden">Saved and running ports, and which one applies</caption>
              <thead><tr><th scope="col">Server</th><th scope="col">Saved</th><th scope="col">Running</th><th scope="col">Set by</th></tr></thead>
              <tbody>
                {([
                  ['HTTP', 'http', data.settings.httpPort, data.running.httpPort, data.running.httpPortFromFlag, '--http-port'],
                  ['MQTT', 'mqtt', data.settings.mqttPort, data.running.mqttPort, data.running.mqttPortFromFlag, '--mqtt-port'],
                  ['LwM2M (CoAP/UDP)', 'coap', data.settings.coapPort, data.running.coapPort, data.running.coapPortFromFlag, '--coap-port'],
                ] as const).map(([label, id, saved, running, fromFlag, flag]) => {
                  const why = explainPort({ saved, running, fromFlag, flag });
                  return (
                    <tr key={id} data-testid={`port-row-${id}`}>
                      <th scope="row">{label}</th>
                      <td><code data-testid={`saved-${id}-port`}>{saved === 0 ? '0 (any free port)' : saved}</code></td>
                      <td><code data-testid={`running-${id}-port`}>{running ?? 'not running'}</code></td>
                      <td>
                        <span data-testid={`port-source-${id}`}>{why.source}</span>
                        <div className="wins" data-testid={`port-wins-${id}`}>{why.wins}</div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p className="hint">Flags given on the command line (<code>--http-port</code>, <code>--mqtt-port</code>, <code>--coap-port</code>) override the ports saved here.</p>
            {data.running.mqttError && <p className="alert alert-error" data-testid="mqtt-error">{data.running.mqttError}</p>}
            {data.running.coapError && <p className="alert alert-error" data-testid="coap-error">{data.running.coapError}</p>}
            {data.running.warnings.map((w) => <p key={w} className="alert alert-error" data-testid="startup-warning">{w}</p>)}
          </Card>
          <Card title="Configuration" testId="settings-form">
            <form className="form" onSubmit={save} ref={fields.formRef} noValidate>
              {numberField('mqttPort', 'MQTT port', 'applies after restart, unless --mqtt-port is given; 0 = any free port', { min: 0, max: 65535 }, 'setting-mqtt-port')}
              {numberField('mqttMaxPacketBytes', 'Largest MQTT message (KiB)', 'a device that sends a bigger packet is disconnected; applies to connections made after saving; 1024 = 1 MiB',
                { min: 1, max: 65536, step: 1 }, 'setting-mqtt-max-packet', 1024)}
              {numberField('httpPort', 'HTTP port', 'applies after restart, unless --http-port is given; 0 = any free port', { min: 0, max: 65535 }, 'setting-http-port')}
              {numberField('coapPort', 'LwM2M (CoAP/UDP) port', 'applies after restart, unless --coap-port is given; 0 = any free port', { min: 0, max: 65535 }, 'setting-coap-port')}
              {numberField('silenceTimeoutSec', 'Silence timeout (seconds)', 'a connected device silent this long is marked offline', { min: 10, max: 604800 }, 'setting-silence-timeout')}
              {numberField('retentionDays', 'Keep data (days)', 'older telemetry and device events are deleted; 0 = keep everything', { min: 0, max: 36500 }, 'setting-retention-days')}
              {numberField('auditRetentionDays', 'Keep audit log (days)', 'older audit entries are deleted; 0 = keep everything', { min: 0, max: 36500 }, 'setting-audit-retention-days')}
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
              <label className="check">
                <input type="checkbox" checked={form.acceptNewLwm2mDevices} disabled={!canEdit} data-testid="setting-accept-new-lwm2m"
                  onChange={(e) => setForm((f) => (f ? { ...f, acceptNewLwm2mDevices: e.target.checked } : f))} />
                <span>Accept new LwM2M devices <span className="hint">an unknown endpoint that registers appears as a pending device until an operator approves it; off: it is refused (4.03)</span></span>
              </label>
              <div className="field">
                <label>LwM2M models folder <span className="hint">a folder of DDF XML files (vendor objects) read beside the built-in models when saved; empty = built-in models only</span>
                  <input type="text" value={form.lwm2mModelsFolder} disabled={!canEdit} data-testid="setting-lwm2m-models-folder" placeholder="/etc/outpost/lwm2m-models"
                    onChange={(e) => setForm((f) => (f ? { ...f, lwm2mModelsFolder: e.target.value } : f))} {...fields.field('lwm2mModelsFolder')} />
                </label>
                {fields.errorFor('lwm2mModelsFolder')}
                {data.running.lwm2mModelProblems.length > 0 && (
                  <div className="alert alert-error" data-testid="lwm2m-model-problems">
                    <p>Some models in this folder were not loaded:</p>
                    <ul>{data.running.lwm2mModelProblems.map((p) => <li key={p} data-testid="lwm2m-model-problem">{p}</li>)}</ul>
                  </div>
                )}
              </div>
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
