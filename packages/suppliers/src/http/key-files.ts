import type { SupplierKey } from "../supplier.ts";

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
};

/** The MIME type of an image key, from the supplier's type or its file name. */
export function imageMimeType(typeOrFileName: string | undefined): string {
  const text = (typeOrFileName ?? "").toLowerCase();
  if (text.startsWith("image/")) return text;
  if (/\.jpe?g$/.test(text)) return "image/jpeg";
  if (text.endsWith(".gif")) return "image/gif";
  return "image/png";
}

/**
 * An image key from base64 content. The file name is ours, built from part of our reference:
 * names are stored unsealed, and a supplier's own file name could carry the code.
 */
export function imageKey(base64: string, mimeType: string, reference: string): SupplierKey {
  const extension = EXTENSIONS[mimeType] ?? "png";
  return {
    kind: "image",
    mimeType,
    data: Buffer.from(base64, "base64"),
    fileName: `key-${reference.slice(-8)}.${extension}`,
  };
}
