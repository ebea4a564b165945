import path from "node:path";
import { z } from "zod";
import { parseEncryptionKey } from "../vault/key-vault.ts";

const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((value) => value === "true" || value === "1");

const environmentSchema = z.object({
  NODE_ENV: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATA_DIR: z.string().default("./data"),
  KEY_ENCRYPTION_KEY: z
    .string()
    .refine(isEncryptionKey, "must be 32 bytes, as 64 hex characters or base64")
    .optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("PremiumCDKeys <keys@premiumcdkeys.localhost>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  APP_URL: z.string().url().optional(),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: booleanFlag,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  RUN_WORKER: z.enum(["true", "false"]).default("true"),
  MAX_UNITS_PER_ORDER: z.coerce.number().int().min(1).max(10_000).default(50),
  WORKER_POLL_MS: z.coerce.number().int().min(10).default(500),
  JOB_LEASE_MS: z.coerce.number().int().min(100).default(60_000),
  JOB_RETRY_BASE_MS: z.coerce.number().int().min(1).default(5_000),
  SUPPLIER_TIMEOUT_MS: z.coerce.number().int().min(10).default(20_000),
  SANDBOX_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  SANDBOX_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  SUPPLIER_REFRESH_MS: z.coerce.number().int().min(100).default(900_000),
  PREORDER_CHECK_MS: z.coerce.number().int().min(100).default(600_000),
  SUPPLIER_CIRCUIT_FAILURES: z.coerce.number().int().min(1).default(3),
  SUPPLIER_CIRCUIT_COOLDOWN_MS: z.coerce.number().int().min(0).default(60_000),
  SUPPLIER_BASE_URL_OVERRIDE: booleanFlag,
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(10).default(10_000),
  WEBHOOK_RETRY_DELAYS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, "comma-separated milliseconds")
    .default("10000,60000,300000,1800000"),
  WOO_WEBHOOK_CHECK_INTERVAL_MS: z.coerce.number().int().min(50).default(900_000),
  WOO_ORDER_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(300_000),
  WOO_TIMEOUT_MS: z.coerce.number().int().min(10).default(20_000),
  // The standalone dashboard at /dashboard (issue 7); on unless "false".
  DASHBOARD: z.enum(["true", "false"]).default("true"),
  SHOPIFY_API_KEY: z.string().min(1).optional(),
  SHOPIFY_API_SECRET: z.string().min(1).optional(),
  SHOPIFY_APP_URL: z.string().url().optional(),
  SCOPES: z.string().optional(),
  SHOPIFY_ADMIN_API_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]*\{shop\}/, "a URL with a {shop} placeholder")
    .default("https://{shop}"),
});

export type Config = {
  production: boolean;
  databaseUrl?: string;
  port: number;
  host: string;
  dataDir: string;
  keyEncryptionKey?: string;
  smtpUrl?: string;
  mailFrom: string;
  logLevel: string;
  appUrl: string;
  allowPrivateWebhookTargets: boolean;
  workerConcurrency: number;
  runWorker: boolean;
  /** Paid orders with more units than this are failed, not bought: a guard against mistakes. */
  maxUnitsPerOrder: number;
  workerPollMs: number;
  /** How long a claimed job or purchase is held before another worker may take it over. */
  jobLeaseMs: number;
  jobRetryBaseMs: number;
  supplierTimeoutMs: number;
  sandboxLatencyMs: number;
  sandboxTimeoutMs: number;
  webhookTimeoutMs: number;
  webhookRetryDelaysMs: number[];
  /** Periodic stock, cost and balance refresh; periodic pre-order key check. */
  supplierRefreshMs: number;
  preorderCheckMs: number;
  /** Consecutive failures that open a supplier's circuit, and how long it stays open. */
  supplierCircuitFailures: number;
  supplierCircuitCooldownMs: number;
  /** Lets a supplier connection name its own base URL (tests, simulators); off in production. */
  supplierBaseUrlOverride: boolean;
  /** How often connected WooCommerce shops get their webhooks checked and their orders swept. */
  wooWebhookCheckIntervalMs: number;
  wooOrderSweepIntervalMs: number;
  /** Longest wait for a WooCommerce shop's REST API. */
  wooTimeoutMs: number;
  /** The embedded Shopify app; absent unless SHOPIFY_API_KEY and SHOPIFY_API_SECRET are set. */
  shopify?: ShopifyAppConfig;
  /** Serve the standalone dashboard at /dashboard (issue 7). */
  dashboard: boolean;
};

export type ShopifyAppConfig = {
  apiKey: string;
  apiSecret: string;
  /** The app's public https address, which Shopify loads and sends webhooks to. */
  appUrl: string;
  /** Overrides the scopes of shopify.app.toml (comma-separated), as Shopify CLI sets them. */
  scopes?: string[];
  /** Where the Admin API of a shop is: `{shop}` becomes its myshopify.com domain. */
  adminApiUrl: string;
};

export class ConfigError extends Error {}

/**
 * Reads the whole configuration at once and names every problem in one message, so a broken
 * deployment is fixed in one go rather than one variable per restart.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    throw new ConfigError(
      `Invalid configuration (environment variables):\n- ${problems.join("\n- ")}`,
    );
  }

  const values = parsed.data;
  const production = values.NODE_ENV === "production";
  if (production && !values.KEY_ENCRYPTION_KEY) {
    throw new ConfigError(
      "Invalid configuration (environment variables):\n- KEY_ENCRYPTION_KEY: required in production",
    );
  }
  if (Boolean(values.SHOPIFY_API_KEY) !== Boolean(values.SHOPIFY_API_SECRET)) {
    throw new ConfigError(
      "Invalid configuration (environment variables):\n- SHOPIFY_API_KEY and SHOPIFY_API_SECRET: set both or neither",
    );
  }
  const appUrl = values.APP_URL ?? `http://localhost:${values.PORT}`;

  return {
    production,
    databaseUrl: values.DATABASE_URL,
    port: values.PORT,
    host: values.HOST,
    dataDir: path.resolve(values.DATA_DIR),
    keyEncryptionKey: values.KEY_ENCRYPTION_KEY,
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM,
    logLevel: values.LOG_LEVEL,
    appUrl,
    allowPrivateWebhookTargets: values.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    workerConcurrency: values.WORKER_CONCURRENCY,
    runWorker: values.RUN_WORKER === "true",
    maxUnitsPerOrder: values.MAX_UNITS_PER_ORDER,
    workerPollMs: values.WORKER_POLL_MS,
    jobLeaseMs: values.JOB_LEASE_MS,
    jobRetryBaseMs: values.JOB_RETRY_BASE_MS,
    supplierTimeoutMs: values.SUPPLIER_TIMEOUT_MS,
    sandboxLatencyMs: values.SANDBOX_LATENCY_MS,
    sandboxTimeoutMs: values.SANDBOX_TIMEOUT_MS,
    webhookTimeoutMs: values.WEBHOOK_TIMEOUT_MS,
    webhookRetryDelaysMs: values.WEBHOOK_RETRY_DELAYS_MS.split(",").map(Number),
    supplierRefreshMs: values.SUPPLIER_REFRESH_MS,
    preorderCheckMs: values.PREORDER_CHECK_MS,
    supplierCircuitFailures: values.SUPPLIER_CIRCUIT_FAILURES,
    supplierCircuitCooldownMs: values.SUPPLIER_CIRCUIT_COOLDOWN_MS,
    supplierBaseUrlOverride: values.SUPPLIER_BASE_URL_OVERRIDE,
    wooWebhookCheckIntervalMs: values.WOO_WEBHOOK_CHECK_INTERVAL_MS,
    wooOrderSweepIntervalMs: values.WOO_ORDER_SWEEP_INTERVAL_MS,
    wooTimeoutMs: values.WOO_TIMEOUT_MS,
    dashboard: values.DASHBOARD === "true",
    shopify:
      values.SHOPIFY_API_KEY && values.SHOPIFY_API_SECRET
        ? {
            apiKey: values.SHOPIFY_API_KEY,
            apiSecret: values.SHOPIFY_API_SECRET,
            appUrl: values.SHOPIFY_APP_URL ?? appUrl,
            scopes: values.SCOPES?.split(",")
              .map((scope) => scope.trim())
              .filter(Boolean),
            adminApiUrl: values.SHOPIFY_ADMIN_API_URL,
          }
        : undefined,
  };
}

function isEncryptionKey(text: string): boolean {
  try {
    parseEncryptionKey(text);
    return true;
  } catch {
    return false;
  }
}
