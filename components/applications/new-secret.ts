/**
 * Hands a just-created client secret from where it was created (the wizard, the credentials
 * card) to the app's pages that show or fill it in, in this tab's memory only: never in a URL,
 * storage or a second response. It is gone on reload or when another app's secret is created;
 * "I have saved it" only stops the dialog that shows it. `appCreated` says it came with a new
 * app (the dialog then says so).
 */
type Pending = { applicationId: string; value: string; appCreated: boolean; saved: boolean };
let pending: Pending | undefined;

export function stashNewSecret(applicationId: string, value: string, appCreated = false) {
  pending = { applicationId, value, appCreated, saved: false };
}

export function peekNewSecret(applicationId: string): string | undefined {
  return pending?.applicationId === applicationId ? pending.value : undefined;
}

/** The secret still waiting for "I have saved it", with how it was made. */
export function unsavedNewSecret(applicationId: string): Pending | undefined {
  return pending?.applicationId === applicationId && !pending.saved ? pending : undefined;
}

/** The admin confirmed it is saved: no dialog any more; Connect a service may still fill it in. */
export function markNewSecretSaved(applicationId: string) {
  if (pending?.applicationId === applicationId) pending.saved = true;
}
