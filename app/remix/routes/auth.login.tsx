/**
 * Where Shopify's library sends a browser that opened the app outside the Shopify admin. The
 * app is installed and opened from the admin (Shopify-managed install), so this only says so.
 */
export default function OpenFromAdmin() {
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
      <h1>PremiumCDKeys</h1>
      <p>Open PremiumCDKeys from your Shopify admin, under Apps.</p>
    </main>
  );
}
