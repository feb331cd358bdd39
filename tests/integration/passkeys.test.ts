import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Database } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import {
  authenticationOptions,
  PasskeyError,
  registrationOptions,
  verifyAuthentication,
  verifyRegistration,
} from "../../lib/passkeys/ceremonies";
import type { ChallengeBinding } from "../../lib/passkeys/challenges";
import { issueChallenge, takeChallenge } from "../../lib/passkeys/challenges";
import { relyingParty } from "../../lib/passkeys/relying-party";
import { addPasskey, listPasskeys } from "../../lib/passkeys/store";
import { TestAuthenticator } from "../support/authenticator";
import { databaseKinds, freshDatabases } from "../support/databases";

const rp = relyingParty("http://localhost:3000");
const handleOf = (userId: string) => Buffer.from(userId).toString("base64url");

/**
 * The server side of passkeys on each database, with a software authenticator (Node's crypto)
 * signing as a real one does: registration, sign-in by passkey, and the refusals that matter:
 * a replayed answer, another user's passkey, a forged signature, a counter that went back.
 */
describe.each(databaseKinds)("passkeys (%s)", (kind) => {
  const fresh = freshDatabases();
  let database: Database;
  let users = 0;

  beforeAll(async () => {
    const { url } = await fresh(kind);
    await migrate(url);
    database = await connect(url);
  });
  afterAll(async () => {
    await database?.prisma.$disconnect();
  });

  /** A user of its own for each test, with a registered passkey. */
  async function userWithPasskey() {
    const db = database.prisma;
    const id = `user${++users}-${kind}`;
    const email = `${id}@example.com`;
    await db.user.create({ data: { id, email, passwordHash: "x" } });
    const authenticator = new TestAuthenticator(rp.id, rp.origin);
    const options = await registrationOptions(db, rp, { id, email, name: "" });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    const passkey = await verifyRegistration(db, rp, id, authenticator.register(options.challenge));
    await addPasskey(db, id, passkey, "Laptop", { actor: { id, label: email } });
    return { id, authenticator };
  }

  async function refusal(promise: Promise<unknown>) {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PasskeyError);
    return (error as PasskeyError).reason;
  }

  it("registers a passkey once per challenge, and lists it with its name", async () => {
    const db = database.prisma;
    const { id } = await userWithPasskey();
    const listed = await listPasskeys(db, id);
    expect(listed.map((p) => [p.name, p.lastUsedAt])).toEqual([["Laptop", null]]);
    const audit = await db.auditEvent.findFirst({ where: { userId: id, type: "passkey.registered" } });
    expect(audit).not.toBeNull();

    // The same registration answer again: its challenge was taken.
    const other = new TestAuthenticator(rp.id, rp.origin);
    const options = await registrationOptions(db, rp, { id, email: "x@example.com", name: "" });
    expect(options.excludeCredentials?.map((c) => c.id)).toEqual([listed[0].id]);
    const answer = other.register(options.challenge);
    await verifyRegistration(db, rp, id, answer);
    expect(await refusal(verifyRegistration(db, rp, id, answer))).toBe("invalid");
  });

  it("signs in with a passkey, and refuses the same answer replayed", async () => {
    const db = database.prisma;
    const { id, authenticator } = await userWithPasskey();
    const binding: ChallengeBinding = { purpose: "sign_in", interactionUid: `uid-${id}` };
    const options = await authenticationOptions(db, rp, binding);
    // No email was given: any discoverable passkey of this site may answer.
    expect(options.allowCredentials).toEqual([]);
    authenticator.counter = 1;
    const answer = authenticator.assert(options.challenge, handleOf(id));
    const used = await verifyAuthentication(db, rp, binding, answer);
    expect(used).toMatchObject({ userId: id, name: "Laptop", deviceType: "singleDevice" });
    const [stored] = await db.passkey.findMany({ where: { userId: id } });
    expect(Number(stored.counter)).toBe(1);
    expect(stored.lastUsedAt).not.toBeNull();

    expect(await refusal(verifyAuthentication(db, rp, binding, answer))).toBe("challenge");
  });

  it("refuses an answer to another interaction's challenge, and an expired challenge", async () => {
    const db = database.prisma;
    const { id, authenticator } = await userWithPasskey();
    const options = await authenticationOptions(db, rp, { purpose: "sign_in", interactionUid: `a-${id}` });
    const answer = authenticator.assert(options.challenge, handleOf(id));
    const elsewhere: ChallengeBinding = { purpose: "sign_in", interactionUid: `b-${id}` };
    expect(await refusal(verifyAuthentication(db, rp, elsewhere, answer))).toBe("challenge");

    const later = await authenticationOptions(db, rp, { purpose: "sign_in", interactionUid: `c-${id}` });
    const sixMinutes = Date.now() + 6 * 60_000;
    expect(
      await takeChallenge(db, later.challenge, { purpose: "sign_in", interactionUid: `c-${id}` }, sixMinutes),
    ).toBe(false);
  });

  it("keeps only the newest few challenges of one sign-in, so a loop of requests cannot grow the table", async () => {
    const db = database.prisma;
    const binding: ChallengeBinding = { purpose: "sign_in", interactionUid: `loop-${kind}` };
    const issued: string[] = [];
    // A second apart each, so "newest" is well defined whatever the clock's resolution.
    const start = Date.now();
    for (let i = 0; i < 12; i++) issued.push(await issueChallenge(db, binding, start + i * 1000));
    const stored = await db.passkeyChallenge.count({ where: { interactionUid: binding.interactionUid } });
    expect(stored).toBe(4);
    // The newest still works (the autofill's and the button's both stay usable); the oldest is gone.
    expect(await takeChallenge(db, issued[0] ?? "", binding)).toBe(false);
    expect(await takeChallenge(db, issued[11] ?? "", binding)).toBe(true);
    expect(await takeChallenge(db, issued[10] ?? "", binding)).toBe(true);
  });

  it("refuses another user's passkey as this user's second factor", async () => {
    const db = database.prisma;
    const owner = await userWithPasskey();
    const other = await userWithPasskey();
    const binding: ChallengeBinding = { purpose: "second_factor", userId: other.id, interactionUid: `uid-${other.id}` };
    const options = await authenticationOptions(db, rp, binding);
    // Only the signed-in user's own passkeys are offered...
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([other.authenticator.id]);
    // ...and the owner's passkey, signing that challenge, is refused.
    const answer = owner.authenticator.assert(options.challenge, handleOf(owner.id));
    expect(await refusal(verifyAuthentication(db, rp, binding, answer))).toBe("wrong_user");
  });

  it("refuses a passkey that claims another user's handle", async () => {
    const db = database.prisma;
    const { id, authenticator } = await userWithPasskey();
    const victim = await userWithPasskey();
    const binding: ChallengeBinding = { purpose: "sign_in", interactionUid: `h-${id}` };
    const options = await authenticationOptions(db, rp, binding);
    const answer = authenticator.assert(options.challenge, handleOf(victim.id));
    expect(await refusal(verifyAuthentication(db, rp, binding, answer))).toBe("wrong_user");
  });

  it("refuses a forged signature, and a passkey without user verification", async () => {
    const db = database.prisma;
    const { id, authenticator } = await userWithPasskey();
    const binding: ChallengeBinding = { purpose: "sign_in", interactionUid: `s-${id}` };
    const first = await authenticationOptions(db, rp, binding);
    const answer = authenticator.assert(first.challenge, handleOf(id));
    const signature = Buffer.from(answer.response.signature, "base64url");
    signature[signature.length - 1] ^= 0x01;
    const forged = { ...answer, response: { ...answer.response, signature: signature.toString("base64url") } };
    expect(await refusal(verifyAuthentication(db, rp, binding, forged))).toBe("invalid");

    const second = await authenticationOptions(db, rp, binding);
    const presentOnly = authenticator.assert(second.challenge, handleOf(id), { flags: 0x01 });
    expect(await refusal(verifyAuthentication(db, rp, binding, presentOnly))).toBe("invalid");
    const [stored] = await db.passkey.findMany({ where: { userId: id } });
    expect(stored.lastUsedAt).toBeNull();
  });

  it("moves the counter forward and refuses one that went back (a cloned authenticator)", async () => {
    const db = database.prisma;
    const { id, authenticator } = await userWithPasskey();
    const binding: ChallengeBinding = { purpose: "sign_in", interactionUid: `n-${id}` };
    const use = async () => {
      const options = await authenticationOptions(db, rp, binding);
      return verifyAuthentication(db, rp, binding, authenticator.assert(options.challenge, handleOf(id)));
    };
    authenticator.counter = 5;
    await use();
    authenticator.counter = 3;
    expect(await refusal(use())).toBe("invalid");
    const [stored] = await db.passkey.findMany({ where: { userId: id } });
    expect(Number(stored.counter)).toBe(5);
    authenticator.counter = 6;
    await use();
  });

  it("accepts an authenticator that keeps no counter (always 0) every time", async () => {
    const { id, authenticator } = await userWithPasskey();
    const binding: ChallengeBinding = { purpose: "sign_in", interactionUid: `z-${id}` };
    for (let i = 0; i < 2; i++) {
      const options = await authenticationOptions(database.prisma, rp, binding);
      await verifyAuthentication(database.prisma, rp, binding, authenticator.assert(options.challenge, handleOf(id)));
    }
  });
});
