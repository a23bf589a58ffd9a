// Datagrams the kernel dropped because a socket's receive buffer was full (all of this host, from
// /proc/net/snmp): a UDP server whose event loop stalls shows here before anywhere else.
import { readFileSync } from 'node:fs';

/** Udp RcvbufErrors from the text of /proc/net/snmp (0 if absent). */
export function parseRcvbufErrors(snmp: string): number {
  const lines = snmp.split('\n').filter((l) => l.startsWith('Udp: '));
  if (lines.length < 2) return 0;
  const names = lines[0]!.split(/\s+/);
  const values = lines[1]!.split(/\s+/);
  const i = names.indexOf('RcvbufErrors');
  return i > 0 ? Number(values[i] ?? 0) : 0;
}

export function udpRcvbufErrors(): number {
  try {
    return parseRcvbufErrors(readFileSync('/proc/net/snmp', 'utf8'));
  } catch {
    return 0;
  }
}
