/** Polls `check` until it gives a value (up to 10 s): for effects of asynchronous workers. */
export const eventually = async <T>(
  check: () => Promise<T | undefined>,
  what: string,
): Promise<T> => {
  for (let i = 0; i < 200; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
};
