import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A throwaway self-signed certificate for 127.0.0.1 and localhost, made by `openssl` for the
 * fake shop's HTTPS tests, so that no private key lives in the repository.
 */
export function makeTestCertificate(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pck-tls-"));
  try {
    const keyFile = path.join(dir, "key.pem");
    const certFile = path.join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"],
        ...["-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"],
        ...["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        ...["-keyout", keyFile, "-out", certFile],
      ],
      { stdio: "ignore" },
    );
    return { key: fs.readFileSync(keyFile, "utf8"), cert: fs.readFileSync(certFile, "utf8") };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
