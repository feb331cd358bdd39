import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";

/**
 * A software passkey authenticator for tests, written from the WebAuthn spec with Node's crypto:
 * an ES256 key pair, "none" attestation, and assertions signed over authenticatorData ‖
 * SHA-256(clientDataJSON), as a platform authenticator signs them. Its counter is whatever the
 * test sets (0 for an authenticator that keeps none).
 */
export class TestAuthenticator {
  readonly credentialId = randomBytes(32);
  private readonly privateKey: KeyObject;
  private readonly x: Buffer;
  private readonly y: Buffer;
  counter = 0;

  constructor(
    readonly rpId: string,
    readonly origin: string,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    this.privateKey = privateKey;
    this.x = Buffer.from(jwk.x ?? "", "base64url");
    this.y = Buffer.from(jwk.y ?? "", "base64url");
  }

  get id() {
    return this.credentialId.toString("base64url");
  }

  /** The answer to navigator.credentials.create for `challenge` (as @simplewebauthn/browser sends it). */
  register(challenge: string) {
    const clientDataJSON = this.clientData("webauthn.create", challenge);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    // flags: user present (0x01), user verified (0x04), attested credential data (0x40).
    const authData = Buffer.concat([
      this.rpIdHash(),
      Buffer.from([0x45]),
      this.counterBytes(),
      Buffer.alloc(16),
      idLength,
      this.credentialId,
      this.coseKey(),
    ]);
    const attestationObject = Buffer.concat([
      Buffer.from([0xa3]),
      cborText("fmt"),
      cborText("none"),
      cborText("attStmt"),
      Buffer.from([0xa0]),
      cborText("authData"),
      cborBytes(authData),
    ]);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      response: {
        clientDataJSON: clientDataJSON.toString("base64url"),
        attestationObject: attestationObject.toString("base64url"),
        transports: ["internal"],
      },
      clientExtensionResults: {},
    };
  }

  /** The answer to navigator.credentials.get for `challenge`, naming `userHandle` (base64url) as a passkey does. */
  assert(challenge: string, userHandle: string, options: { flags?: number } = {}) {
    const clientDataJSON = this.clientData("webauthn.get", challenge);
    // flags: user present and user verified.
    const authData = Buffer.concat([this.rpIdHash(), Buffer.from([options.flags ?? 0x05]), this.counterBytes()]);
    const signed = Buffer.concat([authData, createHash("sha256").update(clientDataJSON).digest()]);
    const signature = sign("sha256", signed, this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      response: {
        clientDataJSON: clientDataJSON.toString("base64url"),
        authenticatorData: authData.toString("base64url"),
        signature: signature.toString("base64url"),
        userHandle,
      },
      clientExtensionResults: {},
    };
  }

  private clientData(type: string, challenge: string) {
    return Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }));
  }

  private rpIdHash() {
    return createHash("sha256").update(this.rpId).digest();
  }

  private counterBytes() {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(this.counter);
    return bytes;
  }

  /** The public key as a COSE_Key (RFC 9053): {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}. */
  private coseKey() {
    return Buffer.concat([
      Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21]),
      cborBytes(this.x),
      Buffer.from([0x22]),
      cborBytes(this.y),
    ]);
  }
}

function cborHead(major: number, length: number) {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
}

const cborBytes = (bytes: Buffer) => Buffer.concat([cborHead(2, bytes.length), bytes]);
const cborText = (text: string) => Buffer.concat([cborHead(3, Buffer.byteLength(text)), Buffer.from(text)]);
