/** The kinds of application, as the console and the CLI name them. */
export const applicationTypes = ["traditional", "spa", "native", "m2m", "third-party"] as const;
export type ApplicationType = (typeof applicationTypes)[number];

/** Types whose client authenticates with a secret (the rest are public clients). */
export function hasClientSecret(type: ApplicationType): boolean {
  return type === "traditional" || type === "m2m" || type === "third-party";
}

/** Types that send users through the browser and so register redirect URIs. */
export function usesRedirects(type: ApplicationType): boolean {
  return type !== "m2m";
}

export function isThirdParty(type: ApplicationType): boolean {
  return type === "third-party";
}
