/**
 * Polls `probe` every 200 ms until it returns something other than undefined or false, and
 * returns that; after `ms` fails naming `what`. Every wait in the tests is one of these: bounded,
 * and saying what it waited for, so a slow machine gets time and a failure says where it stuck.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
