// The app's public https address (SHOPIFY_APP_URL). Extensions run on Shopify's pages and cannot
// read the server's environment: set this before `shopify app deploy`.
export const APP_URL = "https://keys-app.example.com";
