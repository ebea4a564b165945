import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals secrets (supplier keys, shop and webhook secrets, outbox mail) with AES-256-GCM.
 * A seal is `iv | tag | ciphertext`; the optional context is bound as associated data, so a
 * seal copied onto another row (another purchase, another shop) no longer opens.
 */
export class KeyVault {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error("KEY_ENCRYPTION_KEY must be 32 bytes");
    this.#key = key;
  }

  /** Returns a plain Uint8Array, the type Prisma stores in `Bytes` columns. */
  seal(plain: Buffer | string, context = ""): Uint8Array<ArrayBuffer> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
  }

  open(seal: Uint8Array, context = ""): Buffer {
    const bytes = Buffer.from(seal);
    const iv = bytes.subarray(0, IV_BYTES);
    const tag = bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv("aes-256-gcm", this.#key, iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  }

  openText(seal: Uint8Array, context = ""): string {
    return this.open(seal, context).toString("utf8");
  }
}

/** Accepts the key as 64 hex characters or as base64 of 32 bytes. */
export function parseEncryptionKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, "hex")
    : Buffer.from(trimmed, "base64");
  if (key.length !== 32) {
    throw new Error("KEY_ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64");
  }
  return key;
}
