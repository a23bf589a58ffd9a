/**
 * Width in ms of the time buckets that split [from, to) into at most maxBuckets buckets.
 * Integer division in SQL puts each point in bucket floor((ts - from) / width).
 */
export function bucketWidth(from: number, to: number, maxBuckets: number): number {
  if (!(to > from)) throw new RangeError('to must be after from');
  if (!(maxBuckets >= 1)) throw new RangeError('maxBuckets must be at least 1');
  return Math.max(1, Math.ceil((to - from) / maxBuckets));
}
