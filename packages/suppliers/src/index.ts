export * from "./supplier.ts";
export {
  SandboxSupplier,
  type SandboxOptions,
  type SqlRunner,
} from "./sandbox/sandbox-supplier.ts";
export { SANDBOX_CATALOGUE, type SandboxCatalogueEntry } from "./sandbox/catalogue.ts";
export { sandboxCode } from "./sandbox/key-material.ts";
