import { createHash, timingSafeEqual } from "node:crypto";

/** Compares two secrets without leaking, through timing, how much of them matched. */
export function sameSecret(presented: string | undefined, expected: string | undefined): boolean {
  if (!presented || !expected) return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
