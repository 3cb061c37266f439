/**
 * Polls `probe` until it returns a value that is not null/undefined/false, or fails
 * after `timeoutMs` with the last error seen. Event effects are asynchronous; tests
 * wait for what a user would eventually see instead of sleeping.
 */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
