import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * An app's key set published over https on 127.0.0.1, as a service publishes its jwks_uri.
 * Its certificate is self-signed for 127.0.0.1: a Latchkey server trusts it when started with
 * `NODE_EXTRA_CA_CERTS` set to `caFile`, Node's own way to add a trust anchor to every TLS client
 * in the process (oidc-provider's fetch included), so the product needs no test-only switch.
 */
export type JwksServer = {
  url: string;
  /** The certificate to trust (NODE_EXTRA_CA_CERTS). */
  caFile: string;
  /** How many requests for the key set arrived. */
  requests(): number;
  /** What the next requests get. */
  publish(jwks: { keys: object[] }): void;
  close(): Promise<void>;
};

/** A self-signed certificate for 127.0.0.1 made by openssl (on every machine the tests run on). */
function selfSignedCertificate(dir: string) {
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  const made = spawnSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1"].concat([
      "-keyout",
      key,
      "-out",
      cert,
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ]),
    { encoding: "utf8" },
  );
  if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr || made.error}`);
  return { key, cert };
}

export async function startJwksServer(initial: { keys: object[] }): Promise<JwksServer> {
  const dir = mkdtempSync(join(tmpdir(), "latchkey-jwks-"));
  const files = selfSignedCertificate(dir);
  let jwks = initial;
  let count = 0;
  const server = createServer({ key: readFileSync(files.key), cert: readFileSync(files.cert) }, (req, res) => {
    count++;
    if (req.url !== "/jwks.json") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=0" });
    res.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/jwks.json`,
    caFile: files.cert,
    requests: () => count,
    publish: (next) => {
      jwks = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
