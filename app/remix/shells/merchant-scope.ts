/** Whose data a page shows: the signed-in merchant's account, and a shop inside it if any. */
export type MerchantScope = {
  accountId: string;
  shopId?: string;
  /** Written to the audit log with every change: "operator:<email>" or the Shopify user. */
  actor?: string;
  /** Where the shell's pages live: "/dashboard" or "/app". */
  base?: string;
  /** The standalone shell's form token; the embedded shell authenticates by header instead. */
  csrfToken?: string;
};

/** The audit log's "who": the scope's account and actor. */
export function actorOf(scope: MerchantScope): { accountId: string; actor: string } {
  return { accountId: scope.accountId, actor: scope.actor ?? "unknown" };
}
