#!/usr/bin/env node
// The benchmark's second baseline: bare oidc-provider as scripts/bench-bare.mjs serves it, but
// answering a client_credentials token only once it is stored, written as cheaply as a durable
// write can be: tokens issued while a write is in flight share the next one (group commit), and a
// group is one row (a JSON object, token id -> payload) appended to a table without any index.
// SQLite in WAL mode with synchronous=NORMAL, as Latchkey runs it; PostgreSQL on one pipelined
// connection with up to four writes in flight, as Latchkey's token writer. Lookups are answered
// from memory (the table is never read): this is the floor of what durability costs oidc-provider
// on this machine, not a store to run, so the bench can tell that cost apart from Latchkey's.
// Prints its port when listening.
//
//   node scripts/bench-bare-durable.mjs <client id> <secret> <file:path | postgresql://...>
import Database from "better-sqlite3";
import pg from "pg";
import { serveBare } from "./bench-bare.mjs";

const [clientId, clientSecret, databaseUrl] = process.argv.slice(2);

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

/** Appends a group of tokens as one row; resolves once it has committed. */
async function openLog(url) {
  if (url.startsWith("file:")) {
    const sqlite = new Database(url.slice("file:".length));
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    // As Latchkey's connections: a checkpoint (with its fsync) after ~40 MB of log, not 4 MB.
    sqlite.pragma("wal_autocheckpoint = 10000");
    sqlite.exec("CREATE TABLE IF NOT EXISTS bare_token_groups (tokens TEXT NOT NULL)");
    const insert = sqlite.prepare("INSERT INTO bare_token_groups (tokens) VALUES (?)");
    return groupCommit((rows) => insert.run(`{${rows.join(",")}}`), 1);
  }
  const client = new pg.Client({ connectionString: url, pipeline: true });
  await client.connect();
  await client.query("CREATE TABLE IF NOT EXISTS bare_token_groups (tokens text NOT NULL)");
  const insert = { name: "bare_token_groups", text: "INSERT INTO bare_token_groups (tokens) VALUES ($1)" };
  return groupCommit((rows) => client.query({ ...insert, values: [`{${rows.join(",")}}`] }), 4);
}

const append = await openLog(databaseUrl);
const memory = new Map();

/** Every object in memory, as bare keeps it; a client_credentials token answers once also stored. */
class Adapter {
  constructor(model) {
    this.model = model;
  }
  async upsert(id, payload) {
    memory.set(`${this.model}:${id}`, payload);
    if (this.model === "ClientCredentials") await append(`"${id}":${JSON.stringify(payload)}`);
  }
  async find(id) {
    return memory.get(`${this.model}:${id}`);
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

serveBare(clientId, clientSecret, Adapter);
