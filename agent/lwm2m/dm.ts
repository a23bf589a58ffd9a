// The device-management interface of the simulated device (TS Core §5.4): one CoAP request in,
// one answer out. Transport-free: the client feeds it decoded requests and sends what it returns.
import {
  CT, Lwm2mCodecError, decodeContent, decodeRecords, encodeContent, encodeLinkFormat, encodeSenmlCborRecords,
  encodeSenmlJsonRecords, formatPath, fromRecords, toRecords, type LinkToWrite, type Lwm2mNode, type Lwm2mPath, type Lwm2mRecord,
} from '../../core/codecs/lwm2m/index.js';
import { AttributeStore } from './attributes.js';
import { parseCompositePaths } from './composite.js';
import { COMPOSITE_FORMATS, SINGLE_VALUE_FORMATS, defaultFormat, supportsFormat, type Lwm2mVersion } from './formats.js';
import { Refusal, type DeviceApi } from './objects/types.js';
import { ObjectStore, resourceDef, typeAt, typeOf } from './store.js';

export type DmMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'FETCH' | 'iPATCH';

export interface DmRequest {
  method: string;
  path: Lwm2mPath;
  /** Uri-Query parts, e.g. ["pmin=10", "pmax"] */
  query: readonly string[];
  accept?: number;
  contentFormat?: number;
  payload: Uint8Array;
}

export interface DmResponse {
  code: string;
  format?: number;
  payload?: Uint8Array;
  locationPath?: string[];
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

export class DeviceManagement {
  constructor(
    readonly store: ObjectStore,
    readonly attributes: AttributeStore,
    private readonly dev: DeviceApi,
    private readonly version: Lwm2mVersion,
  ) {}

  /** Answers a request; every failure becomes an error code with a diagnostic text. */
  handle(req: DmRequest): DmResponse {
    try {
      return this.dispatch(req);
    } catch (e) {
      if (e instanceof Refusal) return { code: e.code, payload: text(e.message) };
      if (e instanceof Lwm2mCodecError) return { code: '4.00', payload: text(e.message) };
      return { code: '5.00', payload: text(e instanceof Error ? e.message : String(e)) };
    }
  }

  private dispatch(req: DmRequest): DmResponse {
    const { method, path } = req;
    switch (method) {
      case 'GET':
        if (req.accept === CT.LINK_FORMAT) return this.discover(path);
        return this.read(path, req.accept);
      case 'PUT':
        if (req.payload.length === 0 && req.query.length > 0) return this.writeAttributes(path, req.query);
        return this.write(req, true);
      case 'POST':
        if (path.length === 1) return this.create(req);
        if (path.length === 2) return this.write(req, false);
        if (path.length === 3) return this.execute(path, req.payload);
        throw new Refusal('4.05', `POST on ${formatPath(path)} is not allowed`);
      case 'DELETE':
        this.store.delete(path);
        this.attributes.clear(path);
        this.dev.requestUpdate();
        return { code: '2.02' };
      case 'FETCH':
        this.need11('Read-Composite');
        return this.readComposite(this.compositePaths(req), req.accept ?? req.contentFormat);
      case 'iPATCH':
        this.need11('Write-Composite');
        return this.writeComposite(req);
      default:
        throw new Refusal('4.05', `method ${method} is not supported`);
    }
  }

  private need11(what: string): void {
    if (this.version === '1.0') throw new Refusal('4.05', `${what} needs LwM2M 1.1; this client speaks 1.0`);
  }

  /** The payload of a Read (or a notification) of `path` in `format` (default: the version's). */
  encodeRead(path: Lwm2mPath, format: number | undefined): DmResponse {
    const node = this.store.read(path);
    const ct = format ?? defaultFormat(this.version);
    if (ct === CT.LINK_FORMAT || !supportsFormat(this.version, ct)) throw new Refusal('4.06', `content format ${ct} is not supported by this LwM2M ${this.version} client`);
    if (SINGLE_VALUE_FORMATS.has(ct) && node.kind !== 'resource' && node.kind !== 'resourceInstance') {
      throw new Refusal('4.06', `content format ${ct} holds one value; ${formatPath(path)} is not a single resource`);
    }
    if (ct === CT.OPAQUE && typeAt(path) !== 'opaque') throw new Refusal('4.06', `${formatPath(path)} is not an opaque resource`);
    try {
      return { code: '2.05', format: ct, payload: encodeContent(ct, path, node, typeOf) };
    } catch (e) {
      if (e instanceof Lwm2mCodecError) throw new Refusal('4.06', e.message);
      throw e;
    }
  }

  private read(path: Lwm2mPath, accept: number | undefined): DmResponse {
    return this.encodeRead(path, accept);
  }

  compositePaths(req: DmRequest): Lwm2mPath[] {
    const ct = req.contentFormat;
    if (ct === undefined || !COMPOSITE_FORMATS.has(ct)) throw new Refusal('4.15', `composite requests need SenML JSON or CBOR, not ${ct ?? 'no content format'}`);
    return parseCompositePaths(ct, req.payload);
  }

  /** Every readable value under each path, in one SenML pack; paths that do not exist are left out. */
  encodeComposite(paths: readonly Lwm2mPath[], format: number | undefined): DmResponse {
    const ct = format ?? CT.SENML_CBOR;
    if (!COMPOSITE_FORMATS.has(ct)) throw new Refusal('4.06', `composite answers are SenML JSON or CBOR, not ${ct}`);
    const records: Lwm2mRecord[] = [];
    let found = 0;
    for (const p of paths) {
      let node: Lwm2mNode;
      try {
        node = this.store.read(p);
      } catch (e) {
        if (e instanceof Refusal && e.code === '4.04') continue;
        throw e;
      }
      found++;
      records.push(...toRecords(p, node));
    }
    if (found === 0) throw new Refusal('4.04', `none of ${paths.map(formatPath).join(', ')} exists`);
    const payload = ct === CT.SENML_CBOR ? encodeSenmlCborRecords(records, typeOf) : encodeSenmlJsonRecords(records, typeOf);
    return { code: '2.05', format: ct, payload };
  }

  private readComposite(paths: readonly Lwm2mPath[], format: number | undefined): DmResponse {
    return this.encodeComposite(paths, format);
  }

  private decode(req: DmRequest): Lwm2mNode {
    const ct = req.contentFormat;
    if (ct === undefined) throw new Refusal('4.00', 'a Write needs a Content-Format');
    if (ct === CT.LINK_FORMAT || !supportsFormat(this.version, ct)) throw new Refusal('4.15', `content format ${ct} is not supported by this LwM2M ${this.version} client`);
    return decodeContent(ct, req.payload, req.path, typeOf);
  }

  /** Runs the objects' hooks for written resources; a refusal undoes the whole write. */
  private afterWrite(paths: readonly Lwm2mPath[], undo: () => void): void {
    try {
      for (const p of paths) this.store.objectDef(p).written?.(this.dev, p[1]!, p[2]!, this.store.get(p.slice(0, 3)) ?? this.store.get(p));
    } catch (e) {
      undo();
      throw e;
    }
  }

  private write(req: DmRequest, replace: boolean): DmResponse {
    const { path } = req;
    this.store.objectDef(path);
    if (path.length < 2) throw new Refusal('4.05', `Write on object ${formatPath(path)} is not allowed`);
    const node = this.decode(req);
    const undo = this.store.snapshot(path);
    this.afterWrite(this.store.write(path, node, replace), undo);
    return { code: '2.04' };
  }

  private writeComposite(req: DmRequest): DmResponse {
    const ct = req.contentFormat;
    if (ct === undefined || !COMPOSITE_FORMATS.has(ct)) throw new Refusal('4.15', `Write-Composite needs SenML JSON or CBOR, not ${ct ?? 'no content format'}`);
    const records = decodeRecords(ct, req.payload, [], typeOf);
    const undos: (() => void)[] = [];
    const written: Lwm2mPath[] = [];
    try {
      for (const r of records) {
        this.store.objectDef(r.path);
        undos.push(this.store.snapshot(r.path));
        written.push(...this.store.write(r.path, fromRecords(r.path, [r], 'Write-Composite'), false));
      }
    } catch (e) {
      for (const u of undos.reverse()) u();
      throw e;
    }
    this.afterWrite(written, () => { for (const u of undos.reverse()) u(); });
    return { code: '2.04' };
  }

  private create(req: DmRequest): DmResponse {
    const def = this.store.objectDef(req.path);
    const ct = req.contentFormat;
    let records: Lwm2mRecord[] = [];
    if (req.payload.length > 0) {
      if (ct === undefined) throw new Refusal('4.00', 'a Create needs a Content-Format');
      if (!supportsFormat(this.version, ct) || SINGLE_VALUE_FORMATS.has(ct)) throw new Refusal('4.15', `content format ${ct} cannot carry a new instance`);
      try {
        records = decodeRecords(ct, req.payload, [def.id], typeOf);
      } catch (e) {
        // TLV may carry the new instance's resources alone, without an instance entry
        try {
          records = decodeRecords(ct, req.payload, [def.id, this.store.nextInstanceId(def.id)], typeOf);
        } catch {
          throw e;
        }
      }
    }
    const ids = new Set(records.map((r) => r.path[1]!));
    if (ids.size > 1) throw new Refusal('4.00', `a Create makes one instance; the payload has ${ids.size}`);
    if (records.some((r) => r.path[0] !== def.id)) throw new Refusal('4.00', `the payload is not for object ${def.id}`);
    const id = this.store.create(def, ids.size === 1 ? [...ids][0] : undefined);
    try {
      this.store.fill([def.id, id], records);
    } catch (e) {
      this.store.delete([def.id, id]);
      throw e;
    }
    this.dev.log(`created /${def.id}/${id}`);
    this.dev.requestUpdate();
    return { code: '2.01', locationPath: [String(def.id), String(id)] };
  }

  private execute(path: Lwm2mPath, payload: Uint8Array): DmResponse {
    const def = this.store.objectDef(path);
    this.store.read(path.slice(0, 2)); // 4.04 for a missing instance
    const rdef = resourceDef(def, path[2]!);
    if (!rdef) throw new Refusal('4.04', `no resource ${formatPath(path)}`);
    const run = def.execute?.[rdef.id];
    if (rdef.ops !== 'E' || !run) throw new Refusal('4.05', `${formatPath(path)} (${rdef.name}) is not executable`);
    let args: string;
    try {
      args = new TextDecoder('utf-8', { fatal: true }).decode(payload);
    } catch {
      throw new Refusal('4.00', 'execute arguments are not text');
    }
    run(this.dev, path[1]!, args);
    return { code: '2.04' };
  }

  private writeAttributes(path: Lwm2mPath, query: readonly string[]): DmResponse {
    this.store.objectDef(path);
    if (path.length >= 2) this.store.read(path.slice(0, 2));
    if (path.length >= 3) this.store.read(path); // 4.04 for a missing resource
    this.attributes.write(path, query);
    return { code: '2.04' };
  }

  private discover(path: Lwm2mPath): DmResponse {
    const def = this.store.objectDef(path);
    const links: LinkToWrite[] = [];
    const attrs = (p: Lwm2mPath): Record<string, number | string> => ({ ...this.attributes.at(p) });
    const resourceLinks = (instanceId: number): void => {
      // executable resources hold no value but are listed too
      const ids = new Set([...this.store.resourceIds(def.id, instanceId), ...def.resources.filter((r) => r.ops === 'E').map((r) => r.id)]);
      for (const r of [...ids].sort((a, b) => a - b)) {
        const p = [def.id, instanceId, r];
        const v = this.store.stored(p);
        const params: Record<string, number | string> = { ...attrs(p) };
        if (v instanceof Map) params.dim = v.size;
        links.push({ uri: formatPath(p), params });
      }
    };
    if (path.length === 1) {
      const params: Record<string, number | string> = attrs(path);
      const version = def.version?.(this.version);
      if (version && version !== '1.0') params.ver = version;
      links.push({ uri: formatPath(path), params });
      for (const i of this.store.instanceIds(def.id)) {
        links.push({ uri: formatPath([def.id, i]), params: attrs([def.id, i]) });
        resourceLinks(i);
      }
    } else if (path.length === 2) {
      this.store.read(path);
      links.push({ uri: formatPath(path), params: attrs(path) });
      resourceLinks(path[1]!);
    } else if (path.length === 3) {
      this.store.read(path.slice(0, 2));
      const v = this.store.stored(path);
      const rdef = resourceDef(def, path[2]!);
      if (!rdef || (v === undefined && rdef.ops !== 'E')) throw new Refusal('4.04', `no resource ${formatPath(path)}`);
      const params: Record<string, number | string> = attrs(path);
      if (v instanceof Map) params.dim = v.size;
      links.push({ uri: formatPath(path), params });
    } else {
      throw new Refusal('4.00', `Discover of ${formatPath(path)} is not allowed`);
    }
    return { code: '2.05', format: CT.LINK_FORMAT, payload: encodeLinkFormat(links) };
  }
}
