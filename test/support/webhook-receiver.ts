// Moved to the app, where the demo listens with it; kept here for the tests.
export {
  startWebhookReceiver,
  type ReceivedWebhook,
  type ReceivedEvent,
  type WebhookReceiver,
} from "../../app/src/demo/webhook-receiver.ts";
