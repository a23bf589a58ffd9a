// How a protocol adapter plugs into the operations queue (DESIGN.md, Shape as protocols grow):
// the queue calls out to transports to hand operations over; adapters call the queue's
// OperationReports when a device confirms, reports progress or answers. No protocol code here.
import type { DeviceRef } from '../devices/devices.js';
import type { z } from 'zod';
import type { OperationError, OperationProgressInfo } from '../contract/operations.js';

type OperationErrorBody = z.infer<typeof OperationError>;
type OperationProgress = z.infer<typeof OperationProgressInfo>;

export interface OutgoingOperation {
  id: number;
  deviceUid: string;
  kind: string;
  args: Record<string, unknown>;
  expiresAt: number | null;
  attempt: number;
}

export interface OperationTransport {
  /** e.g. 'mqtt'; named in the history of what it sent */
  readonly name: string;
  /** Whether this transport is the way to reach this device. */
  serves(device: DeviceRef): boolean;
  /** Whether it can carry this kind at all (default: every kind); others are refused when created. */
  accepts?(kind: string): boolean;
  /** Whether the device can receive operations now. */
  reachable(uid: string): boolean;
  /**
   * Hands the operation to the device; resolves once it is on its way (not when the device has it:
   * that is OperationReports.delivered). Rejects when it could not be sent; it is then sent again later.
   */
  send(op: OutgoingOperation): Promise<void>;
}

/** A device's answer: its result, or its error in its own words. */
export type DeviceReply = { ok: true; result?: unknown } | { ok: false; error: OperationErrorBody };

/** What transports tell the queue. Each resolves once the news is committed (ack the device after it). */
export interface OperationReports {
  /** The device can receive now. `sessionKept`: what was sent before it went away still reaches it (MQTT persistent session). */
  reachable(uid: string, options: { sessionKept: boolean }): void;
  unreachable(uid: string): void;
  delivered(uid: string, opId: number): Promise<Outcome>;
  progress(uid: string, opId: number, progress: OperationProgress): Promise<Outcome>;
  reply(uid: string, opId: number, reply: DeviceReply): Promise<Outcome>;
  /** A reply or progress that could not be read: recorded; the operation goes on. */
  malformed(uid: string, opId: number, what: 'reply' | 'progress', reason: string, raw: string): Promise<Outcome>;
}

/** 'unknown': no such operation of that device (the adapter tells the device's events). */
export type Outcome = 'applied' | 'ignored' | 'unknown';
