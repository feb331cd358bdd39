/**
 * Hands a just-created client secret from the create wizard to the detail page it navigates
 * to, in this tab's memory only: never in a URL, storage or a second response.
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
