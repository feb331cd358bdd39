#!/usr/bin/env node
// The benchmark's baseline: bare oidc-provider with its default in-memory store, one static
// client_credentials client, served by plain node:http. Prints its port when listening.
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import Provider from "oidc-provider";

const [clientId, clientSecret] = process.argv.slice(2);
const jwk = (pair, alg) => ({ ...pair.privateKey.export({ format: "jwk" }), alg, use: "sig", kid: alg.toLowerCase() });
const keys = [
  jwk(generateKeyPairSync("rsa", { modulusLength: 2048 }), "RS256"),
  jwk(generateKeyPairSync("ec", { namedCurve: "P-256" }), "ES256"),
];

const server = createServer();
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  const provider = new Provider(`http://127.0.0.1:${port}`, {
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
