/**
 * The merchant pages, in navigation order. Each shell prefixes them with its own root: `/app`
 * inside the Shopify admin, `/dashboard` on its own. The embedded shell's root is issue 4's
 * Home, with the Overview beside it; on /dashboard the Overview is the root.
 */
export const SECTIONS = [
  { path: "", label: "Home" },
  { path: "overview", label: "Overview" },
  { path: "orders", label: "Orders" },
  { path: "products", label: "Products" },
  { path: "suppliers", label: "Suppliers" },
  { path: "shops", label: "Shops" },
  { path: "webhooks", label: "Webhooks" },
  { path: "settings", label: "Settings" },
] as const;

/** The standalone shell's navigation. */
export const DASHBOARD_SECTIONS = [
  { path: "", label: "Overview" },
  ...SECTIONS.filter((section) => section.path && section.path !== "overview"),
];
