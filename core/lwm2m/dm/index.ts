// LwM2M device management, protocol-independent: operations → CoAP request descriptions, answers →
// results, observed and sent records → telemetry points and device-log events.
export { buildRequest, type BuildOptions } from './build-request.js';
export { interpretResponse, nameOf, type ReadValue, type DiscoveredLink } from './interpret-response.js';
export { pointsFromRecords, pointsByTime, type TelemetryPoint, type PointOptions } from './points.js';
export { eventsFromRecords, isLogPath, EVENT_LOG_OBJECT, LOG_RESOURCES, type DeviceLogEvent, type LogOptions } from './events.js';
export { codecTypeOf } from './device-types.js';
export { toLwm2mValue } from './input-values.js';
export { plainValue, type PlainValue } from './plain-values.js';
export { DmRequestError, type DmDevice, type DmOperation, type DmRequest, type DmResponse } from './types.js';
export { notificationRecords, observedPath, sendRecords, type ReportRecords } from './report-records.js';
