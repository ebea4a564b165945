import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Card, Page, Text } from "@shopify/polaris";
import { embeddedScope } from "../shells/embedded-scope.server";
import { SECTIONS } from "../shells/navigation";

/** The navigation's pages before the dashboard issue fills them in; unknown sections are 404. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await embeddedScope(request, context);
  const section = SECTIONS.find((entry) => entry.path && entry.path === params.section);
  if (!section) throw new Response("Not found", { status: 404 });
  return { label: section.label };
}

export default function SectionPlaceholder() {
  const { label } = useLoaderData<typeof loader>();
  return (
    <Page title={label}>
      <Card>
        <Text as="p">This page comes with the merchant dashboard.</Text>
      </Card>
    </Page>
  );
}
