import { describe, expect, it } from "vitest";
import { readCode } from "./cw-codes.ts";

describe("reading CodesWholesale codes in both spellings seen in the wild", () => {
  it.each([
    [{ codeType: "CODE_TEXT", code: "ABCD-1234" }],
    [{ status: "Text code", code: "ABCD-1234" }],
  ])("reads a text code: %j", (code) => {
    expect(readCode(code, "pck_ref_0")).toEqual({
      state: "ready",
      key: { kind: "text", code: "ABCD-1234" },
    });
  });

  it("reads an image code as bytes with a file name of ours, not the supplier's", () => {
    const png = Buffer.from("image-bytes");
    const read = readCode(
      { status: "Image code", code: png.toString("base64"), filename: "ABCD-1234.jpg" },
      "pck_line_00000007",
    );
    expect(read).toEqual({
      state: "ready",
      key: { kind: "image", mimeType: "image/jpeg", data: png, fileName: "key-00000007.jpg" },
    });
  });

  it("asks for the image binary when the order left it out", () => {
    expect(readCode({ codeId: "c-1", codeType: "CODE_IMAGE", code: "" }, "r")).toEqual({
      state: "image_without_data",
      codeId: "c-1",
    });
  });

  it.each([
    [{ codeType: "CODE_PREORDER", code: null }],
    [{ codeType: "PRE_ORDER" }],
    [{ status: "Pre-ordered code" }],
    [{ codeType: "CODE_TEXT", code: "" }],
    [{ codeType: "SOMETHING_NEW", code: "X" }],
  ])("treats anything else as pending: %j", (code) => {
    expect(readCode(code, "r")).toEqual({ state: "pending" });
  });
});
