// The series the Telemetry tab charts while none is picked. Pure: the early requests
// (early-requests.ts) ask for its points before the tab exists.

/** The first numeric series, else the first one; null when the device has none. */
export function defaultChartKey(series: ReadonlyArray<{ key: string; type: string }>): string | null {
  return series.find((s) => s.type === 'number')?.key ?? series[0]?.key ?? null;
}
