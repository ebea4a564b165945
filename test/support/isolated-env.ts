/**
 * The caller's environment without what would point a child server anywhere but its own fresh
 * data folder: a database, a mail server, an address or an encryption key of the caller's.
 */
export function isolatedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    "NODE_ENV",
    "DATABASE_URL",
    "SMTP_URL",
    "HOST",
    "APP_URL",
    "KEY_ENCRYPTION_KEY",
    "SHOPIFY_API_KEY",
    "SHOPIFY_API_SECRET",
    "SHOPIFY_APP_URL",
    "SHOPIFY_ADMIN_API_URL",
    "SCOPES",
  ]) {
    delete env[name];
  }
  return env;
}
