// The merchant dashboard's use cases (issue 7): operators and their sessions, the audit log and
// the figures the pages show.
export * from "./audit-log.ts";
export * from "./operators.ts";
export * from "./password-attempts.ts";
export * from "./team-members.ts";
export * from "./overview.ts";
export type { CurrencyMoney, MoneyDay } from "./overview-money.ts";
export * from "./merchant-orders.ts";
export { hashPassword, verifyPassword } from "./passwords.ts";
export * from "./account-webhooks.ts";
export * from "./account-settings.ts";
export * from "./account-preferences.ts";
export * from "./product-catalogue.ts";
export * from "./product-limits.ts";
export * from "./form-numbers.ts";
export * from "./shop-health.ts";
export * from "./supplier-accounts.ts";
