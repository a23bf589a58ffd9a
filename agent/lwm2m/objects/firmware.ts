// Object 5, Firmware Update, with the state machine of TS Core E.6: a Package URI (or a Package)
// is "downloaded" after a short delay; Update then installs it, sets Update Result 1 and changes
// the firmware version in /3/0/3. The version comes from the URI ("…/fw-2.1.0.bin") or the
// package text, else the patch number goes up.
import { Refusal, type DeviceApi, type ObjectDef } from './types.js';

export const FW_STATE = { IDLE: 0, DOWNLOADING: 1, DOWNLOADED: 2, UPDATING: 3 } as const;
export const FW_RESULT = { INITIAL: 0, SUCCESS: 1, INVALID_URI: 7 } as const;

function versionIn(text: string): string | undefined {
  const all = text.match(/\d+\.\d+(\.\d+)?/g);
  return all?.[all.length - 1];
}

function nextVersion(current: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(current);
  return m ? `${m[1]}.${m[2]}.${Number(m[3]) + 1}` : `${current}.1`;
}

function resetToIdle(dev: DeviceApi): void {
  dev.set([5, 0, 3], FW_STATE.IDLE);
  dev.set([5, 0, 5], FW_RESULT.INITIAL);
  dev.set([5, 0, 6], '');
  dev.set([5, 0, 7], '');
}

function startDownload(dev: DeviceApi, version: string, from: string): void {
  dev.set([5, 0, 3], FW_STATE.DOWNLOADING);
  dev.set([5, 0, 5], FW_RESULT.INITIAL);
  dev.log(`firmware: downloading ${version} from ${from}`);
  dev.after(dev.workMs, () => {
    if (dev.get([5, 0, 3]) !== FW_STATE.DOWNLOADING) return; // reset meanwhile
    dev.set([5, 0, 6], 'outpost-sim-firmware');
    dev.set([5, 0, 7], version);
    dev.set([5, 0, 3], FW_STATE.DOWNLOADED);
    dev.log(`firmware: ${version} downloaded`);
  });
}

export const firmware: ObjectDef = {
  id: 5,
  name: 'Firmware Update',
  multiple: false,
  resources: [
    { id: 0, name: 'Package', type: 'opaque', ops: 'W' },
    { id: 1, name: 'Package URI', type: 'string', ops: 'RW' },
    { id: 2, name: 'Update', ops: 'E' },
    { id: 3, name: 'State', type: 'integer', ops: 'R' },
    { id: 5, name: 'Update Result', type: 'integer', ops: 'R' },
    { id: 6, name: 'PkgName', type: 'string', ops: 'R' },
    { id: 7, name: 'PkgVersion', type: 'string', ops: 'R' },
    { id: 8, name: 'Firmware Update Protocol Support', type: 'integer', ops: 'R', multiple: true },
    { id: 9, name: 'Firmware Update Delivery Method', type: 'integer', ops: 'R' },
  ],
  // protocol 0 = CoAP, 1 = CoAPS, 2 = HTTP; delivery 2 = pull and push
  initial: () => ({ 0: { 0: new Uint8Array(0), 1: '', 3: FW_STATE.IDLE, 5: FW_RESULT.INITIAL, 6: '', 7: '', 8: [0, 1, 2], 9: 2 } }),
  written(dev, _instanceId, resourceId, value) {
    const current = String(dev.get([3, 0, 3]) ?? '1.0.0');
    if (resourceId === 1 && typeof value === 'string') {
      if (value === '') return resetToIdle(dev);
      if (!/^(coaps?|https?):\/\/\S+$/.test(value)) {
        dev.set([5, 0, 5], FW_RESULT.INVALID_URI);
        throw new Refusal('4.00', `"${value}" is not a coap(s) or http(s) URI`);
      }
      startDownload(dev, versionIn(value) ?? nextVersion(current), value);
    }
    if (resourceId === 0 && value instanceof Uint8Array) {
      // an empty package (or one zero byte, as some servers send) cancels
      if (value.length === 0 || (value.length === 1 && value[0] === 0)) return resetToIdle(dev);
      startDownload(dev, versionIn(Buffer.from(value).toString('latin1')) ?? nextVersion(current), `a ${value.length}-byte package`);
    }
  },
  execute: {
    2: (dev) => {
      if (dev.get([5, 0, 3]) !== FW_STATE.DOWNLOADED) throw new Refusal('4.05', 'no firmware downloaded (State is not 2)');
      const version = String(dev.get([5, 0, 7]) || nextVersion(String(dev.get([3, 0, 3]))));
      dev.set([5, 0, 3], FW_STATE.UPDATING);
      dev.log(`firmware: updating to ${version}`);
      dev.after(dev.workMs, () => {
        dev.set([3, 0, 3], version);
        dev.set([5, 0, 3], FW_STATE.IDLE);
        dev.set([5, 0, 5], FW_RESULT.SUCCESS);
        dev.set([5, 0, 1], '');
        dev.log(`firmware: now running ${version}`);
        dev.requestUpdate();
      });
    },
  },
};
