import type { KeyKind } from "../supplier.ts";

export type SandboxCatalogueEntry = {
  id: string;
  name: string;
  priceMinor: number;
  currency: string;
  initialStock: number;
  keyKind: KeyKind;
  /** Makes every purchase of this product fail in a known way, for tests and demos. */
  behaviour?: "out_of_stock" | "error" | "timeout" | "charged_answer_lost";
};

/**
 * A fixed catalogue so tests and demos can rely on ids, prices and stock. The SKUs of the first
 * entries match the fixtures' products; the last ones exist to show failures on purpose.
 */
export const SANDBOX_CATALOGUE: readonly SandboxCatalogueEntry[] = [
  {
    id: "SBX-STARFIELD-EU",
    name: "Starfield (Steam, EU)",
    priceMinor: 3150,
    currency: "EUR",
    initialStock: 100_000,
    keyKind: "text",
  },
  {
    id: "SBX-GAMEPASS-3M",
    name: "Xbox Game Pass Ultimate 3 months",
    priceMinor: 1290,
    currency: "EUR",
    initialStock: 100_000,
    keyKind: "text",
  },
  {
    id: "SBX-ELDEN-RING-EU",
    name: "Elden Ring (Steam, EU)",
    priceMinor: 2490,
    currency: "EUR",
    initialStock: 100_000,
    keyKind: "text",
  },
  {
    id: "SBX-GIFTCARD-IMAGE",
    name: "Store gift card 25 EUR (image key)",
    priceMinor: 2350,
    currency: "EUR",
    initialStock: 100_000,
    keyKind: "image",
  },
  {
    id: "SBX-LIMITED-5",
    name: "Limited edition (5 in stock)",
    priceMinor: 990,
    currency: "EUR",
    initialStock: 5,
    keyKind: "text",
  },
  {
    id: "SBX-SOLD-OUT",
    name: "Always sold out",
    priceMinor: 990,
    currency: "EUR",
    initialStock: 0,
    keyKind: "text",
    behaviour: "out_of_stock",
  },
  {
    id: "SBX-FAILING",
    name: "Supplier error on every purchase",
    priceMinor: 990,
    currency: "EUR",
    initialStock: 1000,
    keyKind: "text",
    behaviour: "error",
  },
  {
    id: "SBX-TIMEOUT",
    name: "Never answers",
    priceMinor: 990,
    currency: "EUR",
    initialStock: 1000,
    keyKind: "text",
    behaviour: "timeout",
  },
  {
    id: "SBX-LOST-ANSWER",
    name: "Charges, then the answer is lost",
    priceMinor: 990,
    currency: "EUR",
    initialStock: 1000,
    keyKind: "text",
    behaviour: "charged_answer_lost",
  },
];
