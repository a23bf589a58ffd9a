// A simulated device running the seed agent, speaking its dialect as the original does: client id
// = serial, no credentials, clean session, no will; commands matched by substring; snapd's answers
// forwarded whole, as strings. Its snapd is a fake one (fake-snapd.ts).
import mqtt from 'mqtt';
import { SnapdClient } from '../snapd/client.js';
import { FakeSnapd } from './fake-snapd.js';

export interface SeedDevice { serial: string; client: mqtt.MqttClient; snapd: FakeSnapd; stop(): Promise<void> }

const SNAPD_PATH: Record<string, string> = { getsysteminfo: '/v2/system-info', getuserinfo: '/v2/users', getsnapinfo: '/v2/snaps' };

export async function startSeedDevice(host: string, port: number, serial: string): Promise<SeedDevice> {
  const snapd = await FakeSnapd.start();
  const reader = new SnapdClient({ socketPath: snapd.socketPath });
  const bootedAt = Date.now();
  const client = await mqtt.connectAsync({ host, port, clientId: serial, clean: true, protocolVersion: 4, reconnectPeriod: 1000 });
  const reply = (msgCode: string, data: string) => client.publish(`django/iot/client/${serial}`, JSON.stringify({ msgCode, id: serial, data }), { qos: 0 });
  client.on('message', (_topic, payload) => {
    const command = payload.toString();
    if (command.includes('heartbeat')) return reply('heartbeat', `up ${Math.max(1, Math.round((Date.now() - bootedAt) / 60_000))} minutes`);
    if (command.includes('reboot')) return reply('reboot-ret', 'reboot-OK');
    const name = Object.keys(SNAPD_PATH).find((c) => command.includes(c));
    if (name) void reader.rawGet(SNAPD_PATH[name]!).then((body) => reply(`${name}-ret`, body));
  });
  await client.subscribeAsync(`django/iot/server/${serial}`, { qos: 2 });
  return {
    serial, client, snapd,
    async stop() {
      await client.endAsync(true);
      await snapd.close();
    },
  };
}
