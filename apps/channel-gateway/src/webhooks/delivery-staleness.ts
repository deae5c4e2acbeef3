/**
 * Tells whether a delivery triggered at `triggeredAt` is older than `maxAgeSeconds` at `now`. A
 * delivery without a trigger time, or with one in the future (clock skew), is not stale.
 */
export function isStaleDelivery(
  triggeredAt: Date | undefined,
  now: Date,
  maxAgeSeconds: number,
): boolean {
  if (triggeredAt === undefined) {
    return false;
  }

  return now.getTime() - triggeredAt.getTime() > maxAgeSeconds * 1_000;
}
