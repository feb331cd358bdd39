import { errors } from "oidc-provider";

/**
 * oidc-provider refuses a scope outside a client's allowed list with "requested scope is not
 * allowed" and keeps the scope in a separate property; an admin reading a service provider's
 * error page needs its name. The error's constructor sets `scope` before `error_description`
 * (one Object.assign, checked in 9.13.3's lib/helpers/errors.js), so a setter on the prototype
 * can add it. Idempotent: the prototype is patched once per process.
 */
export function nameRefusedScopes() {
  const proto = errors.InvalidScope.prototype as object;
  if (Object.getOwnPropertyDescriptor(proto, "error_description")) return;
  Object.defineProperty(proto, "error_description", {
    configurable: true,
    set(this: { scope?: string }, value: string) {
      const described = this.scope && !value.includes(this.scope) ? `${value}: ${this.scope}` : value;
      Object.defineProperty(this, "error_description", {
        value: described,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    },
  });
}
