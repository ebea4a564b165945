export * from "./supplier.ts";
export {
  SandboxSupplier,
  type SandboxOptions,
  type SqlRunner,
} from "./sandbox/sandbox-supplier.ts";
export { SANDBOX_CATALOGUE, type SandboxCatalogueEntry } from "./sandbox/catalogue.ts";
export { sandboxCode } from "./sandbox/key-material.ts";
export { currencyDecimals, toMinorUnits, fromMinorUnits, minorToDecimalText } from "./money.ts";
export type { ConnectionSettings } from "./connection-settings.ts";
export {
  CodesWholesaleSupplier,
  CODESWHOLESALE_URLS,
  codesWholesaleAuthHash,
} from "./codeswholesale/codeswholesale-supplier.ts";
export type { CwCredentials } from "./codeswholesale/cw-token.ts";
export {
  KinguinSupplier,
  KINGUIN_URLS,
  type KinguinCredentials,
} from "./kinguin/kinguin-supplier.ts";
export {
  OwnStockSupplier,
  type OwnStockStore,
  type StockKey,
  type StockSummary,
} from "./own-stock/own-stock-supplier.ts";
export { sha256Hex } from "./http/constant-time.ts";
