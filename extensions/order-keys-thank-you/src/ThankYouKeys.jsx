import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { KeysBlock } from "../../shared/keys-block.jsx";

// The order may not exist yet when the Thank-you page renders: the block keeps asking until the
// order's webhook has arrived. A guest proves the order is theirs with the checkout token.
export default async () => {
  render(
    <KeysBlock
      orderId={() => shopify.orderConfirmation.value?.order?.id}
      checkoutToken={() => shopify.checkoutToken.value}
    />,
    document.body,
  );
};
