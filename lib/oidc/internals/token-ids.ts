import type Provider from "oidc-provider";

type TokenClass = { prototype: { generateTokenId(): string; format?: string } };

/**
 * client_credentials token values start with the id of the batch that stores them (see
 * lib/oidc/token-batches.ts), so the adapter finds a token by reading its batch's row (one
 * indexed lookup). oidc-provider has no option for the value of an opaque token: this wraps the
 * model's `generateTokenId`, which (9.13.3, lib/models/formats/index.js) sets `format` on the
 * token before returning a random id; JWT-format tokens are left alone.
 */
export function prefixClientCredentialsIds(provider: Provider, tokenId: (random: string) => string) {
  const Tokens = provider.ClientCredentials as unknown as TokenClass;
  const generate = Tokens.prototype.generateTokenId;
  Tokens.prototype.generateTokenId = function prefixedTokenId() {
    const random = generate.call(this);
    return this.format === "opaque" ? tokenId(random) : random;
  };
}
