// The peer of bench:rpc: the seed systems' architecture, reduced to its bones. An HTTP server that
// relays POST /rpc/{uid} to MQTT (Debian's mosquitto) and answers with the device's reply.
// Run as its own process: node --import tsx bench/rpc-relay.ts MQTT_PORT; prints "relay on PORT".
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import mqtt from 'mqtt';

const mqttPort = Number(process.argv[2]);
const client = mqtt.connect({ host: '127.0.0.1', port: mqttPort, clientId: 'relay', protocolVersion: 4 });
const waiting = new Map<string, (payload: Buffer) => void>();
let next = 0;

client.on('message', (topic, payload) => {
  const id = topic.slice(topic.lastIndexOf('/') + 1);
  waiting.get(id)?.(payload);
  waiting.delete(id);
});
client.on('connect', () => {
  // MQTT.js leaves Nagle's algorithm on: a PUBACK followed by the next request would wait for the
  // delayed ACK (~40 ms a round trip); mosquitto and the devices have it off too
  (client.stream as Socket).setNoDelay(true);
  client.subscribe('peer/+/res/+', { qos: 1 }, () => {
    const server = createServer((req, res) => {
      const uid = /^\/rpc\/([^/]+)$/.exec(req.url ?? '')?.[1];
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
        if (!uid) return void res.writeHead(404).end();
        const id = String(++next);
        const timer = setTimeout(() => {
          waiting.delete(id);
          res.writeHead(504).end();
        }, 5000);
        waiting.set(id, (payload) => {
          clearTimeout(timer);
          res.writeHead(200, { 'content-type': 'application/json' }).end(payload);
        });
        client.publish(`peer/${uid}/req/${id}`, Buffer.concat(chunks), { qos: 1 });
      });
    });
    server.keepAliveTimeout = 60_000;
    server.listen(0, '127.0.0.1', () => console.log(`relay on ${(server.address() as AddressInfo).port}`));
  });
});
