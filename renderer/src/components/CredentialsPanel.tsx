// Shows a device's MQTT credentials right after creation or token rotation: the token is shown once.
import { useRef } from 'react';
import type { MqttCredentials } from '../../../core/contract/api.js';
import { useDialogFocus } from '../focus.js';
import { CopyButton } from './common.js';

/**
 * Focus moves to the panel's heading when it opens and back to the control that opened it when
 * it closes; `returnFocusTo` (a selector) names that control when it is gone by then (a form's button).
 */
export function CredentialsPanel({ uid, credentials, onClose, returnFocusTo }: {
  uid: string; credentials: MqttCredentials; onClose: () => void; returnFocusTo?: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useDialogFocus(heading, returnFocusTo);
  const rows: [string, string, string][] = [
    ['Username', credentials.username, 'cred-username'],
    ['Token', credentials.token, 'cred-token'],
    ['Host', credentials.host, 'cred-host'],
    ['Port', String(credentials.port), 'cred-port'],
    ['Telemetry topic', credentials.telemetryTopic, 'cred-topic'],
  ];
  return (
    <section className="card credentials" data-testid="credentials-panel" aria-labelledby="credentials-title">
      <header className="card-head">
        <h2 id="credentials-title" ref={heading} tabIndex={-1}>MQTT credentials for <code>{uid}</code></h2>
        <div className="card-actions">
          <button type="button" className="btn btn-small" onClick={onClose} data-testid="credentials-close">Done</button>
        </div>
      </header>
      <p className="warning-note" data-testid="credentials-once">
        <strong>This token is shown only once.</strong> Copy it now and store it on the device. If it is lost, issue a new token.
      </p>
      <dl className="kv">
        {rows.map(([label, value, id]) => (
          <div key={id} className="kv-row">
            <dt>{label}</dt>
            <dd>
              <code data-testid={id}>{value}</code>
              {id === 'cred-token' && <CopyButton text={value} testId="copy-token" />}
            </dd>
          </div>
        ))}
      </dl>
      <div className="pre-head">
        <span>Test it with mosquitto_pub</span>
        <CopyButton text={credentials.mosquittoPub} testId="copy-mosquitto-pub" />
      </div>
      <pre className="code" data-testid="mosquitto-pub">{credentials.mosquittoPub}</pre>
    </section>
  );
}
