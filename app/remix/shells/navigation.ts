/**
 * The merchant pages, in navigation order. Each shell prefixes them with its own root: `/app`
 * inside the Shopify admin, `/dashboard` on its own (the dashboard issue adds that shell and the
 * pages after Home).
 */
export const SECTIONS = [
  { path: "", label: "Home" },
  { path: "orders", label: "Orders" },
  { path: "products", label: "Products" },
  { path: "suppliers", label: "Suppliers" },
  { path: "shops", label: "Shops" },
  { path: "webhooks", label: "Webhooks" },
  { path: "settings", label: "Settings" },
] as const;
