/** Each console card's part of the README's "Console guide" (anchors as GitHub and /docs make them). */
export const helpTopics = {
  credentials: "credentials",
  endpoints: "endpoints",
  signIns: "sign-ins-chart",
  general: "general-settings",
  uris: "redirect-uris-and-origins",
  backchannel: "back-channel-logout",
  tokens: "token-settings",
  permissions: "permissions",
  branding: "branding",
  connect: "connect-a-service",
  profile: "user-profile",
  access: "password-and-access",
  grants: "connected-apps",
  api: "management-api-page",
  apis: "your-own-apis-roles-and-who-may-sign-in",
  twoFactor: "two-factor-authentication",
  email: "email",
} as const;

export type HelpTopic = keyof typeof helpTopics;
