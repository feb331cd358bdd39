/** next-auth provider ids of the built-in clients (shared with the browser: no server imports here). */
export const CONSOLE_PROVIDER_ID = "latchkey";
export const ACCOUNT_PROVIDER_ID = "latchkey-account";
