// The text of `outpost-agent --help`.
import { DEFAULT_PORT, DEFAULT_SNAPD_SOCKET } from './config/default-paths.js';

export interface CommandHelp {
  name: string;
  summary: string;
}

export function usage(commands: readonly CommandHelp[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `outpost-agent: connects an Ubuntu device to Outpost over MQTT, reports its inventory and runs
the operations Outpost sends (snaps, inventory, reboot).

Usage: outpost-agent [COMMAND] [OPTIONS]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options of run (each overrides the same field of the config file):
  --config PATH        JSON config file (default /etc/outpost-agent/config.json,
                       or $SNAP_DATA/config.json in the snap); a missing default file is fine
  --host HOST          Outpost's address ("host")
  --port N             Outpost's MQTT port ("port", default ${DEFAULT_PORT})
  --uid UID            the device's uid in Outpost ("uid"; also the MQTT client id and username)
  --token TOKEN        the token Outpost showed when the device was added ("token"; the MQTT password).
                       Prefer the config file (mode 0600): flags are visible to every local user.
  --state-dir DIR      outbox and operation records ("stateDir", default /var/lib/outpost-agent,
                       or $SNAP_COMMON/state in the snap)
  --snapd-socket PATH  snapd's socket ("snapdSocket", default ${DEFAULT_SNAPD_SOCKET})
  -h, --help           this text

Config file fields: host, port, uid, token, stateDir, snapdSocket,
  reconnect {initialMs, maxMs} (reconnect backoff, default 1000 and 60000),
  tls {ca, cert, key}: reserved for TLS and client certificates, NOT SUPPORTED YET (refused).

Example config.json:
  {"host": "192.168.1.10", "port": 1883, "uid": "pump-7", "token": "TOKEN"}
`;
}
