// What a chart is given: generic series descriptions, so the same chart serves device telemetry,
// LwM2M observations and fleet dashboards alike.
import type { Bucket, StateSegment } from '../../../core/contract/api.js';

export interface ChartSeries {
  /** unique within the chart */
  id: string;
  label: string;
  unit: string | null;
  /** a numeric line (buckets) or a state timeline (segments) */
  kind: 'line' | 'state';
  buckets?: readonly Bucket[];
  segments?: readonly StateSegment[];
  downsampled?: boolean;
}
