import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateEndpointSecret, signHex, signStandardWebhook, signedHeaders } from "./signing.ts";

// The contract's verification snippet, with php://input (empty on the command line) read from
// stdin instead. PHP's CLI copies environment variables into $_SERVER, so the header line
// stays exactly as merchants paste it.
const contractVerifier = `
$payload = file_get_contents('php://stdin');
$signature = $_SERVER['HTTP_X_PCDKEYS_SIGNATURE'];
$secret = getenv('PCDKEYS_TEST_SECRET');
$expected = hash_hmac('sha256', $payload, $secret);
if (hash_equals($expected, $signature)) {
  echo 'valid';
} else {
  echo 'invalid';
}
`;

function verifyWithPhp(body: string, signature: string, secret: string): string {
  const result = spawnSync("php", ["-r", contractVerifier], {
    input: body,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      HTTP_X_PCDKEYS_SIGNATURE: signature,
      PCDKEYS_TEST_SECRET: secret,
      // Remix's type declarations (loaded with the app) require NODE_ENV in every environment.
      NODE_ENV: "test",
    },
  });

  if (result.error) {
    throw new Error(
      `the contract's PHP verifier cannot run (${result.error.message}); install PHP with "apt-get install -y php-cli"`,
    );
  }
  if (result.status !== 0) {
    throw new Error(`php exited with ${result.status}: ${result.stderr}`);
  }
  return result.stdout;
}

const contractBody = JSON.stringify({
  event: "order.fulfilled",
  timestamp: "2024-01-15T10:30:00Z",
  data: {
    order_id: "12345",
    store_order_id: "WC-9876",
    product: { id: "prod_123", name: "FIFA 24 PC Key — Édition Ultime" },
    supplier: "codeswholesale",
    cost: 20.0,
    currency: "EUR",
    key: { delivered: true, delivery_method: "email" },
  },
});

describe("generateEndpointSecret", () => {
  it("returns whsec_ followed by base64 of 24 random bytes", () => {
    const secret = generateEndpointSecret();

    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(24);
  });

  it("returns a different secret on every call", () => {
    expect(generateEndpointSecret()).not.toBe(generateEndpointSecret());
  });
});

describe("signHex", () => {
  it("matches the published hex HMAC-SHA256 vector", () => {
    expect(signHex("Hello, World!", "It's a Secret to Everybody")).toBe(
      "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    );
  });

  it("keys the HMAC with the full secret string, prefix included", () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const expected = createHmac("sha256", Buffer.from(secret, "utf8")).update("{}").digest("hex");

    expect(signHex("{}", secret)).toBe(expected);
  });
});

describe("contract PHP verification snippet", () => {
  it("accepts the body and signature we send", () => {
    const secret = generateEndpointSecret();

    expect(verifyWithPhp(contractBody, signHex(contractBody, secret), secret)).toBe("valid");
  });

  it("rejects a tampered body", () => {
    const secret = generateEndpointSecret();
    const signature = signHex(contractBody, secret);
    const tampered = contractBody.replace('"cost":20', '"cost":2');

    expect(tampered).not.toBe(contractBody);
    expect(verifyWithPhp(tampered, signature, secret)).toBe("invalid");
  });

  it("rejects a signature made with another secret", () => {
    const signature = signHex(contractBody, generateEndpointSecret());

    expect(verifyWithPhp(contractBody, signature, generateEndpointSecret())).toBe("invalid");
  });
});

describe("signStandardWebhook", () => {
  const vector = {
    id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
    timestamp: 1614265330,
    body: '{"test": 2432232314}',
    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  };

  it("matches the Standard Webhooks reference vector", () => {
    expect(signStandardWebhook(vector)).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it.each([
    ["id", { ...vector, id: "msg_other" }],
    ["timestamp", { ...vector, timestamp: 1614265331 }],
    ["body", { ...vector, body: '{"test": 2432232315}' }],
  ])("changes when the %s changes", (_field, input) => {
    expect(signStandardWebhook(input)).not.toBe(signStandardWebhook(vector));
  });
});

describe("signedHeaders", () => {
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const body = '{"event":"order.created"}';
  const headers = signedHeaders({
    deliveryId: "dlv_123",
    eventType: "order.created",
    body,
    secret,
    now: new Date("2021-02-25T15:02:10.900Z"),
  });

  it("describes the delivery with content type, user agent, event and delivery id", () => {
    expect(headers).toMatchObject({
      "Content-Type": "application/json",
      "User-Agent": "PremiumCDKeys-Webhooks/1.0",
      "X-PCDKeys-Event": "order.created",
      "X-PCDKeys-Delivery": "dlv_123",
      "webhook-id": "dlv_123",
    });
  });

  it("stamps the Standard Webhooks timestamp in whole unix seconds", () => {
    expect(headers["webhook-timestamp"]).toBe("1614265330");
  });

  it("carries both signatures over the same body", () => {
    expect(headers["X-PCDKeys-Signature"]).toBe(signHex(body, secret));
    expect(headers["webhook-signature"]).toBe(
      signStandardWebhook({ id: "dlv_123", timestamp: 1614265330, body, secret }),
    );
  });
});
