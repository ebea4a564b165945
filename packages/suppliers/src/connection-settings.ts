/** How an adapter reaches one supplier account. */
export type ConnectionSettings = {
  /** The API root; the documented live or sandbox URL unless the merchant's connection says so. */
  baseUrl: string;
  /** The currency the account is billed in; the supplier's decimal prices are read in it. */
  currency: string;
  /** Longest wait for one HTTP answer. */
  timeoutMs: number;
};
