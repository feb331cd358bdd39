// The whole-sign-in scenario of `npm run bench`: simulated people, each doing what a browser does
// for a third-party app with prompt=consent: the authorization request, the sign-in page, the
// password form, the consent page, the consent form, then the app redeems the code at the token
// endpoint. Forms are read from the pages' HTML (their action and CSRF token) and posted as a
// browser without JavaScript posts them. Each person has an account and an address of its own
// (X-Forwarded-For, with TRUST_PROXY=1 on the server), as real people do.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";

const REDIRECT_URI = "https://bench.example.com/callback";
const PASSWORD = "bench-password-1";

/** Creates the third-party app and one account per person, through the CLI. */
export function prepareSignIn(env, people) {
  const cli = (args) => {
    const run = spawnSync(process.execPath, ["bin/latchkey.mjs", ...args], { env, encoding: "utf8" });
    if (run.status !== 0) throw new Error(run.stderr);
    return run.stdout;
  };
  const app = JSON.parse(
    cli([
      ...["apps", "create", "--name", "Bench Wiki", "--type", "third-party"],
      ...["--redirect-uri", REDIRECT_URI, "--scope", "email", "--scope", "profile", "--json"],
    ]),
  );
  const emails = Array.from({ length: people }, (_, i) => `bench-person-${i}@example.com`);
  for (const email of emails) cli(["users", "create", "--email", email, "--password", PASSWORD]);
  return { clientId: app.clientId, clientSecret: app.clientSecret, emails };
}

/** One HTTP exchange on a kept-alive connection; resolves with status, headers and body. */
function send(agent, url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A browser's cookie jar, simplified: every cookie goes back to the one server (paths are not checked). */
class Jar {
  cookies = new Map();
  take(headers) {
    for (const line of headers["set-cookie"] ?? []) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const value = pair.slice(eq + 1);
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), value);
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

const decode = (text) =>
  text
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"');

/** The form on a page whose action ends with `suffix`: its action and CSRF token, as a browser reads them. */
function formOf(html, suffix) {
  for (const match of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
    const action = /\saction="([^"]*)"/.exec(match[0]);
    if (!action || !decode(action[1]).endsWith(suffix)) continue;
    const csrf = /name="csrf"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="csrf"/.exec(match[1]);
    if (!csrf) throw new Error(`the ${suffix} form has no CSRF token`);
    return { action: decode(action[1]), csrf: decode(csrf[1] ?? csrf[2]) };
  }
  throw new Error(`no form posting to *${suffix} on the page: ${html.slice(0, 300)}`);
}

/**
 * One person signing in, start to finish; returns each step's milliseconds. `person.onExchange`,
 * when set, hears of every request answered (scripts/count-queries.mjs counts queries per request).
 */
export async function signIn({ appUrl, clientId, clientSecret }, person) {
  const jar = new Jar();
  const steps = {};
  const headers = (extra = {}) => ({ ...extra, cookie: jar.header(), "x-forwarded-for": person.address });
  const timed = async (name, url, init = {}) => {
    const started = performance.now();
    const response = await send(person.agent, url, { ...init, headers: headers(init.headers) });
    steps[name] = (steps[name] ?? 0) + performance.now() - started;
    jar.take(response.headers);
    person.onExchange?.(`${init.method ?? "GET"} ${new URL(url).pathname}`);
    return response;
  };
  /** Follows redirects until a page answers (or the app's callback is reached). */
  const follow = async (name, response, from) => {
    let url = from;
    while (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.location, url).href;
      if (url.startsWith(REDIRECT_URI)) return { url };
      response = await timed(name, url);
    }
    if (response.status !== 200)
      throw new Error(`${name}: ${response.status} at ${url}: ${response.body.slice(0, 200)}`);
    return { url, html: response.body };
  };
  const post = (name, url, fields) =>
    timed(name, url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: appUrl },
      body: new URLSearchParams(fields).toString(),
    });

  const verifier = randomBytes(32).toString("base64url");
  const authorize = new URL(`${appUrl}/oidc/auth`);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: "openid email profile",
    prompt: "consent",
    state: randomBytes(8).toString("hex"),
    nonce: randomBytes(8).toString("hex"),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();

  const signInPage = await follow("sign-in page", await timed("authorize", authorize.href), authorize.href);
  const login = formOf(signInPage.html, "/login");
  const loginUrl = new URL(login.action, signInPage.url).href;
  const posted = await post("password form", loginUrl, { email: person.email, password: PASSWORD, csrf: login.csrf });
  const consentPage = await follow("consent page", posted, loginUrl);
  if (!consentPage.html) throw new Error("the consent page was skipped (prompt=consent)");
  const consent = formOf(consentPage.html, "/confirm");
  const confirmUrl = new URL(consent.action, consentPage.url).href;
  const back = await follow("consent form", await post("consent form", confirmUrl, { csrf: consent.csrf }), confirmUrl);
  const code = new URL(back.url).searchParams.get("code");
  if (!code) throw new Error(`no code in ${back.url}`);

  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64");
  const token = await timed("token", `${appUrl}/oidc/token`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    }).toString(),
  });
  if (token.status !== 200 || !JSON.parse(token.body).id_token) throw new Error(`token: ${token.status} ${token.body}`);
  return steps;
}

/** The server's resident memory and CPU time so far (Linux /proc). */
export function processStats(pid) {
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return { rssMb: rss ? Number(rss[1]) / 1024 : Number.NaN, cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

/** `people` people signing in over and over for `seconds`; sign-ins/s, latencies and the server's CPU per sign-in. */
export async function runSignIns(target, { people, seconds, pid }) {
  const persons = target.emails.slice(0, people).map((email, i) => ({
    email,
    address: `198.51.100.${i + 1}`,
    agent: new Agent({ keepAlive: true, maxSockets: 1 }),
  }));
  const durations = [];
  const stepTotals = {};
  const before = processStats(pid);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    persons.map(async (person) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const steps = await signIn(target, person);
        durations.push(performance.now() - t0);
        for (const [name, ms] of Object.entries(steps)) {
          stepTotals[name] ??= [];
          stepTotals[name].push(ms);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const after = processStats(pid);
  for (const person of persons) person.agent.destroy();
  durations.sort((a, b) => a - b);
  const steps = Object.fromEntries(
    Object.entries(stepTotals).map(([name, values]) => [
      name,
      percentile(
        values.sort((a, b) => a - b),
        0.5,
      ),
    ]),
  );
  return {
    signIns: durations.length,
    perSecond: durations.length / elapsed,
    p50: percentile(durations, 0.5),
    p95: percentile(durations, 0.95),
    serverCpuMsPerSignIn: (after.cpuMs - before.cpuMs) / durations.length,
    steps,
  };
}
