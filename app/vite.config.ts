import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

// The Remix app (embedded Shopify pages, app webhooks, the extensions' backend). Its pages live
// in app/remix; `remix vite:build` writes app/build, which the Hono server mounts (see
// app/src/web). Everything a route needs at run time reaches it through the load context, so
// the server build holds no copy of the core.
export default defineConfig({
  root: import.meta.dirname,
  server: { hmr: { port: Number(process.env.HMR_PORT ?? 0) || undefined } },
  plugins: [
    remix({
      appDirectory: "remix",
      buildDirectory: "build",
      ignoredRouteFiles: ["**/.*", "**/*.test.*"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: false,
      },
    }),
  ],
  build: { assetsInlineLimit: 0 },
});
