import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { KeysBlock } from "../../shared/keys-block.jsx";

// Customer accounts are signed in: the session token names the customer, no token is needed.
export default async () => {
  render(
    <KeysBlock orderId={() => shopify.order.value?.id} checkoutToken={() => undefined} />,
    document.body,
  );
};
