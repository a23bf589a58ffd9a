// Parses /proc/uptime ("14669.42 15222.70": seconds since boot, then idle seconds summed over CPUs).
export function parseUptime(text: string): number | string {
  const first = text.trim().split(/\s+/)[0] ?? '';
  const seconds = /^\d+(\.\d+)?$/.test(first) ? Number(first) : NaN;
  return Number.isFinite(seconds) ? seconds : `/proc/uptime does not start with a number of seconds (${JSON.stringify(text.slice(0, 40))})`;
}
