// bench:rpc's simulated devices: bare MQTT 3.1.1 connections (mqtt-packet's parser and generator,
// no MQTT.js client around them) that answer every request at once. Each request (QoS 1) gets its
// PUBACK and the reply (QoS 1) in one write; the broker's PUBACK of the reply is read and dropped.
// The same devices, packets and topics serve Outpost and the peer.
import { connect, type Socket } from 'node:net';
import mqttPacket, { type Packet } from 'mqtt-packet';

export interface DeviceCredentials { clientId: string; username?: string; password?: string }

export interface SimulatedDevices { stop(): void }

const REPLY = Buffer.from('{"ok":true,"result":{"uptime":123}}');

function startDevice(port: number, creds: DeviceCredentials, requests: string, replyTo: (topic: string) => string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true });
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    let nextId = 1;
    parser.on('packet', (p: Packet) => {
      if (p.cmd === 'publish') {
        const ack = p.qos === 1 ? mqttPacket.generate({ cmd: 'puback', messageId: p.messageId! }) : undefined;
        const messageId = nextId;
        nextId = nextId >= 65535 ? 1 : nextId + 1;
        const reply = mqttPacket.generate({ cmd: 'publish', topic: replyTo(p.topic), payload: REPLY, qos: 1, messageId, retain: false, dup: false });
        socket.write(ack ? Buffer.concat([ack, reply]) : reply);
      } else if (p.cmd === 'connack') {
        if (p.returnCode !== 0) return reject(new Error(`${creds.clientId}: CONNACK ${p.returnCode}`));
        socket.write(mqttPacket.generate({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: requests, qos: 1 }] }));
      } else if (p.cmd === 'suback') {
        if (p.granted[0] !== 1) return reject(new Error(`${creds.clientId}: subscription refused`));
        resolve(socket);
      }
    });
    parser.on('error', reject);
    socket.on('data', (d: Buffer) => parser.parse(d));
    socket.once('error', reject);
    socket.once('connect', () => socket.write(mqttPacket.generate({
      cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 60, clientId: creds.clientId,
      ...(creds.username !== undefined ? { username: creds.username } : {}),
      ...(creds.password !== undefined ? { password: Buffer.from(creds.password) } : {}),
    })));
  });
}

/** `count` devices; device i subscribes to `requests(i)` and answers on `replyTo(request topic)`. */
export async function startDevices(port: number, count: number, creds: (i: number) => DeviceCredentials,
  requests: (i: number) => string, replyTo: (topic: string) => string): Promise<SimulatedDevices> {
  const sockets = await Promise.all(Array.from({ length: count }, (_, i) => startDevice(port, creds(i), requests(i), replyTo)));
  return {
    stop() {
      for (const s of sockets) s.end(mqttPacket.generate({ cmd: 'disconnect' }));
    },
  };
}
