/** Whose data a page shows: the signed-in merchant's account, and a shop inside it if any. */
export type MerchantScope = { accountId: string; shopId?: string };
