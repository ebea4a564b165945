import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config/config.ts";
import type { Logger } from "../logger.ts";
import { KeyVault, parseEncryptionKey } from "./key-vault.ts";

const GENERATED_KEY_FILE = "key-encryption.key";

/**
 * Uses KEY_ENCRYPTION_KEY when set. Outside production a missing key is generated once into the
 * data folder, with a warning: losing that file makes every stored key unreadable.
 */
export function loadVault(config: Config, log: Logger): KeyVault {
  if (config.keyEncryptionKey) return new KeyVault(parseEncryptionKey(config.keyEncryptionKey));

  const file = path.join(config.dataDir, GENERATED_KEY_FILE);
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("hex") + "\n", { flag: "wx", mode: 0o600 });
    log.warn(
      { file },
      "KEY_ENCRYPTION_KEY not set: generated a development key in the data folder",
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    log.warn({ file }, "KEY_ENCRYPTION_KEY not set: using the development key in the data folder");
  }
  return new KeyVault(parseEncryptionKey(fs.readFileSync(file, "utf8")));
}
