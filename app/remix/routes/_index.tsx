import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

/** Shopify opens the app's root with `?shop=...`: the embedded shell lives at /app. */
export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) return redirect(`/app${url.search}`);
  return null;
}

export default function Landing() {
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
      <h1>PremiumCDKeys</h1>
      <p>Open the app from your Shopify admin, or use the REST API under /api/v1.</p>
    </main>
  );
}
