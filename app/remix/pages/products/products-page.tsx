import { Form } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  EmptyState,
  InlineGrid,
  InlineStack,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import type { ProductsActionData, ProductsData } from "./load-products.server";

type Props = { data: ProductsData; result?: ProductsActionData };

/** Products and their offers; map SKUs in bulk; catalogue search; limits per product. */
export function ProductsPage({ data, result }: Props) {
  return (
    <Page title="Products">
      <BlockStack gap="400">
        {result ? (
          <Banner tone={result.ok ? "success" : "critical"} title={result.message} />
        ) : null}
        <MapBySku data={data} result={result} />
        <CatalogueSearch data={data} />
        {data.products.length === 0 ? (
          <Card>
            <EmptyState heading="No products yet" image="">
              <p>Map your shop&apos;s SKUs to supplier products above to add them.</p>
            </EmptyState>
          </Card>
        ) : (
          data.products.map((product) => (
            <ProductCard key={product.id} data={data} product={product} result={result} />
          ))
        )}
      </BlockStack>
    </Page>
  );
}

function MapBySku({ data, result }: Props) {
  const [lines, setLines] = useState("");
  const [shop, setShop] = useState(data.shops[0]?.id ?? "");
  const [supplier, setSupplier] = useState(data.suppliers[0]?.id ?? "");
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="csrf" value={data.csrfToken} />
        <input type="hidden" name="intent" value="map_skus" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Map SKUs to supplier products
          </Text>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
            <Select
              label="Shop"
              name="shop"
              value={shop}
              onChange={setShop}
              options={data.shops.map((s) => ({ label: s.label, value: s.id }))}
            />
            <Select
              label="Supplier"
              name="supplier"
              value={supplier}
              onChange={setSupplier}
              options={data.suppliers.map((s) => ({ label: s.name, value: s.id }))}
            />
          </InlineGrid>
          <TextField
            label="One per line: SKU, supplier product id"
            name="lines"
            multiline={4}
            value={lines}
            onChange={setLines}
            autoComplete="off"
            error={result && !result.ok && result.field === "lines" ? result.message : undefined}
          />
          <InlineStack>
            <Button submit variant="primary">
              Map SKUs
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}

function CatalogueSearch({ data }: { data: ProductsData }) {
  const [search, setSearch] = useState(data.search);
  const [supplier, setSupplier] = useState(data.searchSupplier);
  return (
    <Card>
      <BlockStack gap="300">
        <Form method="get" role="search" aria-label="Search a supplier's catalogue">
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            <TextField
              label="Search the supplier's catalogue"
              name="search"
              value={search}
              onChange={setSearch}
              autoComplete="off"
            />
            <Select
              label="In the catalogue of"
              name="supplier"
              value={supplier}
              onChange={setSupplier}
              options={data.suppliers.map((s) => ({ label: s.name, value: s.id }))}
            />
            <InlineStack blockAlign="end">
              <Button submit>Search</Button>
            </InlineStack>
          </InlineGrid>
        </Form>
        {data.searchFailed ? (
          <Banner tone="critical" title="The supplier's catalogue could not be searched" />
        ) : data.search && data.searchResults.length === 0 ? (
          <Text as="p" tone="subdued">
            Nothing found.
          </Text>
        ) : data.searchResults.length > 0 ? (
          <DataTable
            columnContentTypes={["text", "text", "numeric", "numeric"]}
            headings={["Supplier product id", "Name", "Price", "Stock"]}
            rows={data.searchResults.map((p) => [p.id, p.name, p.price, p.stock])}
          />
        ) : null}
      </BlockStack>
    </Card>
  );
}

function ProductCard({
  data,
  product,
  result,
}: Props & { product: ProductsData["products"][number] }) {
  const [maxCost, setMaxCost] = useState(product.maxCost);
  const [threshold, setThreshold] = useState(product.lowStockThreshold);
  const error = (field: string) =>
    result && !result.ok && result.productId === product.id && result.field === field
      ? result.message
      : undefined;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {product.name}
        </Text>
        <Text as="p" tone="subdued">{`SKU ${product.sku ?? "—"}`}</Text>
        {product.offers.map((offer) => (
          <Text as="p" key={offer.id}>
            {offer.label}
          </Text>
        ))}
        <Text as="p" tone="subdued">
          {product.mappings.length > 0
            ? `Mapped from: ${product.mappings.join("; ")}`
            : "Not mapped from any shop yet"}
        </Text>
        <Form method="post">
          <input type="hidden" name="csrf" value={data.csrfToken} />
          <input type="hidden" name="intent" value="limits" />
          <input type="hidden" name="product" value={product.id} />
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            <TextField
              label={`Maximum cost (${product.currency})`}
              name="max_cost"
              value={maxCost}
              onChange={setMaxCost}
              autoComplete="off"
              helpText="Empty: never more than the sale price."
              error={error("max_cost")}
            />
            <TextField
              label="Low-stock threshold"
              name="low_stock_threshold"
              type="number"
              value={threshold}
              onChange={setThreshold}
              autoComplete="off"
              helpText={`Empty: the account's default (${data.defaultLowStockThreshold}).`}
              error={error("low_stock_threshold")}
            />
            <InlineStack blockAlign="end">
              <Button submit accessibilityLabel={`Save limits of ${product.name}`}>
                Save
              </Button>
            </InlineStack>
          </InlineGrid>
        </Form>
      </BlockStack>
    </Card>
  );
}
