// The LwM2M codecs' public face: what core/lwm2m/ imports.
export * from './model.js';
export { toRecords, fromRecords } from './records.js';
export { CT, CONTENT_FORMATS, contentFormat, decodeContent, encodeContent, decodeRecords, type ContentFormat } from './registry.js';
export { requestFormats, chooseRequestFormat } from './choose-format.js';
export { decodeLinkFormat, encodeLinkFormat, encodeAttributesQuery, parseRegistration, type Link, type LinkParams, type LinkToWrite, type Registration } from './link-format.js';
export { encodeSenmlJsonRecords } from './senml-json.js';
export { encodeSenmlCborRecords } from './senml-cbor.js';
export { encodeCompositePaths, decodeCompositePaths, encodeCompositeValues, decodeCompositeValues } from './composite.js';
export { senmlTimeMs, withTimes, RELATIVE_TIME_LIMIT, type TimedRecord } from './senml-time.js';
export { encodeWriteAttributes, decodeWriteAttributes, INTEGER_ATTRIBUTES, NUMBER_ATTRIBUTES, type AttributeName, type WriteAttributes } from './attributes.js';
