import type Provider from "oidc-provider";

type ClientStatics = { find(id: unknown): Promise<unknown> };

/**
 * For clients from an adapter, oidc-provider's `Client.find` serialises the whole metadata and
 * hashes it (SHA-256) on every call to find the Client instance it built before (9.13.3,
 * lib/models/client.js): two of the token endpoint's costliest steps. Every lookup oidc-provider
 * makes goes through this static method (`provider.Client.find`), so it is replaced by one that
 * remembers the instance per record object. `currentRecord` hands out the same object until the
 * client changes or its cache entry expires; a new object (a changed or reloaded client) goes
 * through oidc-provider's own lookup again.
 */
export function cacheClientInstances(provider: Provider, currentRecord: (clientId: string) => object | undefined) {
  const Client = provider.Client as unknown as ClientStatics;
  const find = Client.find.bind(Client);
  const instances = new WeakMap<object, unknown>();
  Client.find = async (id: unknown) => {
    const record = typeof id === "string" ? currentRecord(id) : undefined;
    const known = record && instances.get(record);
    if (known) return known;
    const client = await find(id);
    // Remember it only if the record it was built from is still the current one.
    if (record && client && currentRecord(id as string) === record) instances.set(record, client);
    return client;
  };
}
