/** next-auth provider ids of the built-in clients (shared with the browser: no server imports here). */
export const CONSOLE_PROVIDER_ID = "latchkey";
export const ACCOUNT_PROVIDER_ID = "latchkey-account";

/** OAuth client IDs of the built-in clients: reserved, never an application's (see lib/validation/client-id.ts). */
export const CONSOLE_CLIENT_ID = "latchkey-console";
export const ACCOUNT_CLIENT_ID = "latchkey-account";
