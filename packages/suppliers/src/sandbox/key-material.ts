import { createHmac } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import type { SupplierKey } from "../supplier.ts";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A deterministic, realistic-looking code: the same reference always yields the same key. */
export function sandboxCode(reference: string): string {
  const digest = createHmac("sha256", "premiumcdkeys-sandbox").update(reference).digest();
  const characters = Array.from(digest.subarray(0, 15), (byte) => ALPHABET[byte % ALPHABET.length]);
  return [0, 5, 10].map((start) => characters.slice(start, start + 5).join("")).join("-");
}

/** The file name carries part of our reference, never the code: names are stored unsealed. */
export function sandboxKey(reference: string, kind: "text" | "image"): SupplierKey {
  const code = sandboxCode(reference);
  if (kind === "text") return { kind: "text", code };
  return {
    kind: "image",
    mimeType: "image/png",
    data: barcodePng(code),
    fileName: `key-${reference.slice(-8)}.png`,
  };
}

/**
 * A small greyscale PNG with one bar per bit of the code, so image keys are real images that
 * differ per key. It carries the code in a tEXt chunk so tests can read it back.
 */
function barcodePng(code: string): Buffer {
  const bits = [...Buffer.from(code)].flatMap((byte) =>
    [...Array(8).keys()].map((i) => (byte >> i) & 1),
  );
  const width = bits.length;
  const height = 24;
  const row = Buffer.from([0, ...bits.map((bit) => (bit ? 0 : 255))]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));

  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);

  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("tEXt", Buffer.from(`Key\0${code}`, "latin1")),
    pngChunk("IDAT", deflateSync(pixels)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
