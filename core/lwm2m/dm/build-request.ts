// An LwM2M operation → the CoAP request that performs it (TS Core: Device Management and
// Information Reporting interfaces). Pure: the adapter sends what this returns. Formats: chooseRequestFormat (1.0 → TLV; 1.1 → SenML CBOR, then SenML
// JSON, narrowed by the registration's ct=); one value of a plain type goes as text, opaque as 42.
//
// Unknown objects and resources are allowed where no type must be guessed: Read, Observe,
// Discover, Execute, Delete, Write-Attributes, and a Write of one value at a resource path, sent
// as text (the device parses it by its own type). Writes that must encode a type (TLV, SenML) are
// refused for resources the models do not know, rather than sent with a guessed type.
import {
  CT, chooseRequestFormat, encodeCompositePaths, encodeCompositeValues, encodeContent, encodeWriteAttributes,
  formatPath, Lwm2mCodecError, parsePath,
  type Lwm2mNode, type Lwm2mPath, type Lwm2mRecord, type Lwm2mValue, type ResourceNode, type TypeOf, type WriteAttributes,
} from '../../codecs/lwm2m/index.js';
import { isLwm2mKind, lwm2mOperationArgs, type Lwm2mArgsOf, type Lwm2mOperationKind } from '../../contract/lwm2m-operations.js';
import type { ModelRegistry } from '../models/registry.js';
import { codecTypeOf, resourceModel } from './device-types.js';
import { describe, inferInputType, toLwm2mValue, type InputScalar } from './input-values.js';
import { DmRequestError, type DmDevice, type DmOperation, type DmRequest } from './types.js';

type ResourceInput = InputScalar | Record<string, InputScalar>;

const WRITE: ValueRules = { unknownAsText: false, writable: true };

/** Execute arguments (TS Core, Execute's argument list): 0='on',1 — digits, each with an optional quoted value. */
const EXECUTE_ARGS = /^[0-9](='[!#-&(-[\]-~]*')?(,[0-9](='[!#-&(-[\]-~]*')?)*$/;

export interface BuildOptions {
  /**
   * The content format to use instead of the chosen one: the next of requestFormats(version, ct=)
   * after the device answered 4.06 Not Acceptable or 4.15 Unsupported Content-Format.
   */
  format?: number;
}

export function buildRequest(op: DmOperation, device: DmDevice, models: ModelRegistry, options: BuildOptions = {}): DmRequest {
  if (!isLwm2mKind(op.kind)) throw new DmRequestError('unsupported', `${op.kind} is not an LwM2M operation`);
  const parsed = lwm2mOperationArgs[op.kind].safeParse(op.args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DmRequestError('bad-args', `${op.kind}: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  try {
    return build(op.kind, parsed.data, device, models, options);
  } catch (e) {
    // the contract checked the shape; what the codecs still refuse is a value problem
    if (e instanceof Lwm2mCodecError) throw new DmRequestError('bad-value', e.message);
    throw e;
  }
}

function build(kind: Lwm2mOperationKind, args: unknown, device: DmDevice, models: ModelRegistry, options: BuildOptions): DmRequest {
  const typeOf = codecTypeOf(models, device.objectVersions);
  const uri = (path: Lwm2mPath): string[] => [...rootSegments(device.rootPath), ...path.map(String)];
  const announced = device.formatHint === undefined ? [] : typeof device.formatHint === 'number' ? [device.formatHint] : [...device.formatHint];
  const format = options.format ?? chooseRequestFormat(device.version, announced);
  const a = args as Record<string, unknown>;
  const path = typeof a.path === 'string' ? parsePath(a.path) : [];
  const model = (p: Lwm2mPath) => resourceModel(models, device.objectVersions, p);

  switch (kind) {
    case 'lwm2m.read':
      return { method: 'GET', path: uri(path), accept: format };
    case 'lwm2m.observe':
      return { method: 'GET', path: uri(path), accept: format, observe: true };
    case 'lwm2m.cancel-observe':
      return { method: 'GET', path: uri(path), accept: format, observe: false };
    case 'lwm2m.discover':
      return { method: 'GET', path: uri(path), accept: CT.LINK_FORMAT };
    case 'lwm2m.delete':
      return { method: 'DELETE', path: uri(path) };
    case 'lwm2m.execute': {
      const { args: execArgs } = a as Lwm2mArgsOf<'lwm2m.execute'>;
      const m = model(path);
      if (m && m.type !== 'none' && !m.operations.includes('E')) throw new DmRequestError('not-executable', `${describe(path, m.name, m.type)} is not executable (operations: ${m.operations || 'none'})`);
      if (execArgs === undefined || execArgs === '') return { method: 'POST', path: uri(path) };
      if (!EXECUTE_ARGS.test(execArgs)) throw new DmRequestError('bad-args', `lwm2m.execute: args "${execArgs}" are not an argument list such as 0='on',1`);
      return { method: 'POST', path: uri(path), contentFormat: CT.TEXT, payload: Buffer.from(execArgs, 'utf8') };
    }
    case 'lwm2m.write-attributes': {
      const { path: _p, ...attributes } = a as Lwm2mArgsOf<'lwm2m.write-attributes'>;
      return { method: 'PUT', path: uri(path), query: encodeWriteAttributes(attributes as WriteAttributes) };
    }
    case 'lwm2m.write':
      return buildWrite(a as Lwm2mArgsOf<'lwm2m.write'>, path, format, typeOf, models, device, uri);
    case 'lwm2m.create': {
      const { instanceId, values } = a as Lwm2mArgsOf<'lwm2m.create'>;
      const instance = instanceNode(path[0]!, instanceId ?? 0, values, models, device, { unknownAsText: false, writable: false });
      if (instanceId === undefined) {
        // only TLV can carry resources without their instance id (the device picks it)
        if (format !== CT.TLV) throw new DmRequestError('unsupported', `lwm2m.create: give instanceId: ${formatName(format)} names each value by its full path, instance included`);
        return { method: 'POST', path: uri(path), contentFormat: format, payload: Buffer.from(encodeContent(format, [path[0]!, 0], instance, typeOf)) };
      }
      const node: Lwm2mNode = { kind: 'object', id: path[0]!, instances: [instance] };
      return { method: 'POST', path: uri(path), contentFormat: format, payload: Buffer.from(encodeContent(format, path, node, typeOf)) };
    }
    case 'lwm2m.read-composite':
    case 'lwm2m.observe-composite':
    case 'lwm2m.cancel-observe-composite': {
      const ct = compositeFormat(kind, device, format);
      const paths = (a as Lwm2mArgsOf<'lwm2m.read-composite'>).paths.map((p) => parsePath(p));
      const observe = kind === 'lwm2m.observe-composite' ? { observe: true } : kind === 'lwm2m.cancel-observe-composite' ? { observe: false } : {};
      return { method: 'FETCH', path: uri([]), contentFormat: ct, accept: ct, payload: Buffer.from(encodeCompositePaths(ct, paths)), ...observe };
    }
    case 'lwm2m.write-composite': {
      const ct = compositeFormat(kind, device, format);
      const records: Lwm2mRecord[] = Object.entries((a as Lwm2mArgsOf<'lwm2m.write-composite'>).values).map(([p, input]) => {
        const rp = parsePath(p);
        return { path: rp, value: typedValue(rp, input, models, device, WRITE) };
      });
      return { method: 'iPATCH', path: uri([]), contentFormat: ct, payload: Buffer.from(encodeCompositeValues(ct, records, typeOf)) };
    }
  }
}

function buildWrite(
  a: Lwm2mArgsOf<'lwm2m.write'>, path: Lwm2mPath, format: number, typeOf: TypeOf, models: ModelRegistry, device: DmDevice,
  uri: (p: Lwm2mPath) => string[],
): DmRequest {
  const method = a.mode === 'update' ? 'POST' : 'PUT';
  if (path.length === 2) {
    const node = instanceNode(path[0]!, path[1]!, a.values!, models, device, WRITE);
    return { method, path: uri(path), contentFormat: format, payload: Buffer.from(encodeContent(format, path, node, typeOf)) };
  }
  const value = a.value!;
  if (typeof value === 'object') {
    // a multi-instance resource: replace = all its instances, update = add or change these
    const node = resourceNode(path, value, models, device, WRITE);
    return { method, path: uri(path), contentFormat: format, payload: Buffer.from(encodeContent(format, path, node, typeOf)) };
  }
  // one value (a single resource or one resource instance): text, or opaque bytes as they are
  const m = resourceModel(models, device.objectVersions, path);
  if (path.length === 3 && m?.multiple) throw new DmRequestError('bad-args', `${describe(path, m.name, m.type)} is a multi-instance resource: give {instanceId: value}`);
  const v = typedValue(path, value, models, device, { unknownAsText: true, writable: true });
  if (m?.type === 'opaque') return { method: 'PUT', path: uri(path), contentFormat: CT.OPAQUE, payload: Buffer.from(v as Uint8Array) };
  const textTypes: TypeOf = (p) => typeOf(p) ?? inferInputType(value);
  const node: Lwm2mNode = path.length === 4 ? { kind: 'resourceInstance', id: path[3]!, value: v } : { kind: 'resource', id: path[2]!, value: v };
  return { method: 'PUT', path: uri(path), contentFormat: CT.TEXT, payload: Buffer.from(encodeContent(CT.TEXT, path, node, textTypes)) };
}

interface ValueRules {
  /** an unknown resource may be written (as text, its type inferred from the input) */
  unknownAsText: boolean;
  /** only resources with W (Create may set the initial value of a read-only one) */
  writable: boolean;
}

/** The value for a resource (instance), checked against its model: writable, of the right type. */
function typedValue(path: Lwm2mPath, input: InputScalar, models: ModelRegistry, device: DmDevice, rules: ValueRules): Lwm2mValue {
  const m = resourceModel(models, device.objectVersions, path);
  if (!m) {
    if (!rules.unknownAsText) throw new DmRequestError('unknown-resource', `${describe(path, undefined, undefined)}: no model gives its type; write it alone at its resource path (sent as text), or add its object's DDF in Settings`);
    return toLwm2mValue(input, inferInputType(input), describe(path, undefined, undefined));
  }
  const where = describe(path, m.name, m.type);
  if (m.type === 'none') throw new DmRequestError('not-writable', `${where} is executable, not writable`);
  if (rules.writable && !m.operations.includes('W')) throw new DmRequestError('not-writable', `${where} is not writable (operations: ${m.operations || 'none'})`);
  if (path.length === 4 && !m.multiple) throw new DmRequestError('bad-args', `${where} is a single-instance resource: write it at ${formatPath(path.slice(0, 3))}`);
  return toLwm2mValue(input, m.type, where);
}

function resourceNode(path: Lwm2mPath, input: ResourceInput, models: ModelRegistry, device: DmDevice, rules: ValueRules): ResourceNode {
  const m = resourceModel(models, device.objectVersions, path);
  if (typeof input === 'object') {
    if (m && !m.multiple) throw new DmRequestError('bad-args', `${describe(path, m.name, m.type)} is a single-instance resource: give one value, not {instance: value}`);
    const instances = Object.entries(input).map(([ri, v]) => ({ kind: 'resourceInstance' as const, id: Number(ri), value: typedValue([...path, Number(ri)], v, models, device, rules) }));
    return { kind: 'multiResource', id: path[2]!, instances };
  }
  if (m?.multiple) throw new DmRequestError('bad-args', `${describe(path, m.name, m.type)} is a multi-instance resource: give {instanceId: value}`);
  return { kind: 'resource', id: path[2]!, value: typedValue(path, input, models, device, rules) };
}

function instanceNode(
  objectId: number, instanceId: number, values: Record<string, ResourceInput>, models: ModelRegistry, device: DmDevice, rules: ValueRules,
): Lwm2mNode & { kind: 'instance' } {
  const resources = Object.entries(values).map(([rid, v]) => resourceNode([objectId, instanceId, Number(rid)], v, models, device, rules));
  return { kind: 'instance', id: instanceId, resources };
}

function compositeFormat(kind: string, device: DmDevice, format: number): number {
  if (format === CT.SENML_CBOR || format === CT.SENML_JSON) return format;
  throw new DmRequestError('unsupported', `${kind} needs LwM2M 1.1 with SenML (the device registered as LwM2M ${device.version}, format ${formatName(format)})`);
}

function formatName(ct: number): string {
  return ({ [CT.TLV]: 'TLV', [CT.SENML_CBOR]: 'SenML CBOR', [CT.SENML_JSON]: 'SenML JSON', [CT.LWM2M_JSON]: 'LwM2M JSON' } as Record<number, string>)[ct] ?? `content format ${ct}`;
}

/** '/lwm2m/' → ['lwm2m']; '/' or absent → []. */
function rootSegments(rootPath: string | undefined): string[] {
  return (rootPath ?? '/').split('/').filter((s) => s !== '');
}
