// The password-hash ceiling for `npm run bench`: how many passwords per second this machine
// verifies with Latchkey's own argon2id parameters, through the same call a sign-in makes
// (verifyPassword in lib/auth/password.ts), with as many checks in flight as there are simulated
// people. A separate process with Node's default thread pool, as the server has.
//
//   node --import tsx scripts/bench-argon2.ts <concurrency> <seconds>
// Prints one JSON line: { verifies, seconds, perSecond, cpuMs }.
import { hashPassword, verifyPassword } from "../lib/auth/password";

const concurrency = Number(process.argv[2] ?? 6);
const seconds = Number(process.argv[3] ?? 5);
const password = "bench-password-1";
const hash = await hashPassword(password);
// Warm up (the first verify pays for loading the thread pool).
await verifyPassword(hash, password);

let verifies = 0;
const started = performance.now();
const cpuBefore = process.cpuUsage();
const deadline = started + seconds * 1000;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      if (!(await verifyPassword(hash, password))) throw new Error("the password did not verify");
      verifies++;
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify({ verifies, seconds: elapsed, perSecond: verifies / elapsed, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
);
