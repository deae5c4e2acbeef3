/** Polls `probe` until it returns a truthy value or `timeoutMs` passes; returns the value. */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  { timeoutMs = 30_000, intervalMs = 100, label = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) {
        return value as NonNullable<T>;
      }

      last = value;
    } catch (error) {
      last = error;
    }

    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${label}; last result: ${String(last)}`,
      );
    }

    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
