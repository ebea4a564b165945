import { SupplierError } from "@premiumcdkeys/suppliers";

/**
 * Bounds a supplier call in time. A call that runs out is reported as `timeout`, which tells the
 * caller the supplier may have charged and must be asked before buying again.
 */
export async function withSupplierTimeout<T>(call: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new SupplierError("timeout", `No answer from the supplier within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
