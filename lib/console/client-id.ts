/** The console's provider id in next-auth (shared with the browser, so no server imports here). */
export const CONSOLE_PROVIDER_ID = "latchkey";
