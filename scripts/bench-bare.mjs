#!/usr/bin/env node
// The benchmark's baseline: bare oidc-provider with its default in-memory store, one static
// client_credentials client, served by plain node:http. Prints its port when listening.
// scripts/bench-bare-durable.mjs serves the same with an adapter of its own (`serveBare`).
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import Provider from "oidc-provider";

/** Serves bare oidc-provider on a free loopback port (with `adapter`, or its in-memory default). */
export function serveBare(clientId, clientSecret, adapter) {
  const jwk = (pair, alg) => ({
    ...pair.privateKey.export({ format: "jwk" }),
    alg,
    use: "sig",
    kid: alg.toLowerCase(),
  });
  const keys = [
    jwk(generateKeyPairSync("rsa", { modulusLength: 2048 }), "RS256"),
    jwk(generateKeyPairSync("ec", { namedCurve: "P-256" }), "ES256"),
  ];
  const server = createServer();
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    const provider = new Provider(`http://127.0.0.1:${port}`, {
      ...(adapter ? { adapter } : {}),
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          grant_types: ["client_credentials"],
          response_types: [],
          redirect_uris: [],
        },
      ],
      jwks: { keys },
      features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
    });
    server.on("request", provider.callback());
    process.stdout.write(`${port}\n`);
  });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) serveBare(...process.argv.slice(2, 4));
