import type { SupplierKey } from "../supplier.ts";
import { imageKey, imageMimeType } from "../http/key-files.ts";

export type CwCode = {
  codeId?: string;
  codeType?: string;
  status?: string;
  code?: string | null;
  filename?: string | null;
  fileName?: string | null;
};

export type ReadCode =
  | { state: "ready"; key: SupplierKey }
  | { state: "image_without_data"; codeId: string }
  | { state: "pending" };

/**
 * Reads one code object. Both spellings seen in the wild are accepted: `codeType`
 * (CODE_TEXT / CODE_IMAGE / CODE_PREORDER or PRE_ORDER) and the SDK's `status` ("Text code",
 * "Image code", "Pre-ordered code"). Anything else, or a code without a value, is pending.
 */
export function readCode(code: CwCode, reference: string): ReadCode {
  const isImage = code.codeType === "CODE_IMAGE" || code.status === "Image code";
  const isText = code.codeType === "CODE_TEXT" || code.status === "Text code";
  const value = typeof code.code === "string" ? code.code : "";

  if (isImage && value === "") {
    return code.codeId
      ? { state: "image_without_data", codeId: code.codeId }
      : { state: "pending" };
  }
  if (isImage) {
    const mimeType = imageMimeType(code.filename ?? code.fileName ?? undefined);
    return { state: "ready", key: imageKey(value, mimeType, reference) };
  }
  if (isText && value !== "") return { state: "ready", key: { kind: "text", code: value } };
  return { state: "pending" };
}
