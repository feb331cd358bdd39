/**
 * Hands a just-created client secret from where it was created (the wizard, the credentials
 * card) to the app's pages that show or fill it in, in this tab's memory only: never in a URL,
 * storage or a second response. It is gone on reload, on "I have copied it", or when another
 * app's secret is created.
 */
let pending: { applicationId: string; value: string } | undefined;

export function stashNewSecret(applicationId: string, value: string) {
  pending = { applicationId, value };
}

export function peekNewSecret(applicationId: string): string | undefined {
  return pending?.applicationId === applicationId ? pending.value : undefined;
}

export function forgetNewSecret(applicationId: string) {
  if (pending?.applicationId === applicationId) pending = undefined;
}
