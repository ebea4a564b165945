export type CircuitOptions = { failures: number; cooldownMs: number };

/**
 * Skips a supplier for a while after it failed several times in a row, so orders go to the
 * next supplier instead of waiting on one that is down. After the cool-down one call is let
 * through; its success closes the circuit, its failure opens it again. Kept in memory per
 * process: each worker learns on its own.
 */
export class CircuitBreaker {
  readonly #state = new Map<string, { failures: number; openUntil: number }>();

  constructor(private readonly options: CircuitOptions) {}

  isOpen(key: string): boolean {
    const entry = this.#state.get(key);
    if (!entry || entry.openUntil === 0) return false;
    if (Date.now() < entry.openUntil) return true;
    // Half-open: let one call through, and open again at once if it fails.
    entry.failures = this.options.failures - 1;
    entry.openUntil = 0;
    return false;
  }

  succeeded(key: string): void {
    this.#state.delete(key);
  }

  failed(key: string): void {
    const entry = this.#state.get(key) ?? { failures: 0, openUntil: 0 };
    entry.failures += 1;
    if (entry.failures >= this.options.failures)
      entry.openUntil = Date.now() + this.options.cooldownMs;
    this.#state.set(key, entry);
  }
}
