#!/usr/bin/env node
// The benchmark's second baseline: bare oidc-provider as scripts/bench-bare.mjs serves it, but
// storing each client_credentials token before answering, the plainest durable way: a table of
// its own (token id, payload, expiry) with group commit (tokens issued while a write is in flight
// share the next one; an answer leaves once its write committed). SQLite in WAL mode with
// synchronous=NORMAL, as Latchkey runs it; PostgreSQL on one pipelined connection, up to four
// writes in flight. It shows what durability alone costs oidc-provider on this machine, so the
// bench can tell that cost apart from Latchkey's own. Prints its port when listening.
//
//   node scripts/bench-bare-durable.mjs <client id> <secret> <file:path | postgresql://...>
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import Database from "better-sqlite3";
import Provider from "oidc-provider";
import pg from "pg";

const [clientId, clientSecret, databaseUrl] = process.argv.slice(2);
const jwk = (pair, alg) => ({ ...pair.privateKey.export({ format: "jwk" }), alg, use: "sig", kid: alg.toLowerCase() });
const keys = [
  jwk(generateKeyPairSync("rsa", { modulusLength: 2048 }), "RS256"),
  jwk(generateKeyPairSync("ec", { namedCurve: "P-256" }), "ES256"),
];

/** Group commit: one write per group of rows, up to `depth` writes in flight. */
function groupCommit(write, depth) {
  let queue = [];
  let inFlight = 0;
  let scheduled = false;
  const flush = () => {
    if (!queue.length || inFlight >= depth) return;
    const group = queue;
    queue = [];
    inFlight++;
    Promise.resolve()
      .then(() => write(group.map((entry) => entry.row)))
      .then(
        () => {
          for (const entry of group) entry.resolve();
        },
        (error) => {
          for (const entry of group) entry.reject(error);
        },
      )
      .finally(() => {
        inFlight--;
        flush();
      });
  };
  return (row) =>
    new Promise((resolve, reject) => {
      queue.push({ row, resolve, reject });
      if (scheduled || inFlight >= depth) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        flush();
      });
    });
}

async function openStore(url) {
  if (url.startsWith("file:")) {
    const sqlite = new Database(url.slice("file:".length));
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.exec(
      "CREATE TABLE IF NOT EXISTS bare_tokens (id TEXT PRIMARY KEY, payload TEXT NOT NULL, exp INTEGER NOT NULL)",
    );
    const insert = sqlite.prepare("INSERT INTO bare_tokens (id, payload, exp) VALUES (?, ?, ?)");
    const insertAll = sqlite.transaction((rows) => {
      for (const row of rows) insert.run(row);
    });
    const select = sqlite.prepare("SELECT payload FROM bare_tokens WHERE id = ?");
    return {
      add: groupCommit((rows) => insertAll(rows), 1),
      find: async (id) => select.get(id)?.payload,
    };
  }
  const client = new pg.Client({ connectionString: url, pipeline: true });
  await client.connect();
  await client.query(
    "CREATE TABLE IF NOT EXISTS bare_tokens (id text PRIMARY KEY, payload text NOT NULL, exp bigint NOT NULL)",
  );
  const insert = {
    name: "bare_tokens",
    text: "INSERT INTO bare_tokens (id, payload, exp) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])",
  };
  return {
    add: groupCommit((rows) => client.query({ ...insert, values: [0, 1, 2].map((i) => rows.map((row) => row[i])) }), 4),
    find: async (id) => (await client.query("SELECT payload FROM bare_tokens WHERE id = $1", [id])).rows[0]?.payload,
  };
}

const store = await openStore(databaseUrl);
const memory = new Map();

/** client_credentials tokens in the durable store; everything else in memory, as bare keeps it. */
class Adapter {
  constructor(model) {
    this.model = model;
  }
  async upsert(id, payload, expiresIn) {
    if (this.model === "ClientCredentials")
      return store.add([id, JSON.stringify(payload), Math.floor(Date.now() / 1000) + expiresIn]);
    memory.set(`${this.model}:${id}`, payload);
  }
  async find(id) {
    if (this.model !== "ClientCredentials") return memory.get(`${this.model}:${id}`);
    const payload = await store.find(id);
    return payload ? JSON.parse(payload) : undefined;
  }
  async findByUid() {}
  async findByUserCode() {}
  async consume(id) {
    const payload = memory.get(`${this.model}:${id}`);
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id) {
    memory.delete(`${this.model}:${id}`);
  }
  async revokeByGrantId() {}
}

const server = createServer();
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    adapter: Adapter,
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
