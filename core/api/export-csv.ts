import { ExportQuery } from '../contract/api.js';
import type { ApiServices, Ctx } from './context.js';
import { parse } from './input.js';
import { DomainError } from '../errors.js';

const csvField = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** GET /api/devices/:uid/series/:key/export.csv?from&to — every point of the range, streamed. */
export function exportCsv(c: Ctx, s: ApiServices): Response {
  const uid = c.req.param('uid') ?? '';
  const key = c.req.param('key') ?? '';
  const { from, to } = parse(ExportQuery, c.req.query(), 'query');
  const device = s.devices.get(uid);
  if (!device) throw new DomainError('not_found', `no device ${uid}`);
  const cursor = s.telemetryQuery.export(device.id, key, from, to);
  if (!cursor) throw new DomainError('not_found', `device ${uid} has no series ${key}`);

  const encoder = new TextEncoder();
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      let text = headerSent ? '' : 'time,ts_ms,value\n';
      headerSent = true;
      const rows = cursor.next();
      for (const r of rows) text += `${new Date(r.ts).toISOString()},${r.ts},${csvField(String(r.value))}\n`;
      if (text) controller.enqueue(encoder.encode(text));
      if (rows.length === 0) controller.close();
    },
  });
  const safe = `${uid}-${key}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${safe}.csv"`,
  });
}
