/** Every kind of audit event. Admin changes first, then security events. */
export const auditEventTypes = [
  "app.created",
  "app.updated",
  "app.deleted",
  "secret.created",
  "secret.deleted",
  "user.created",
  "user.updated",
  "user.password_set",
  "user.signed_out",
  "user.invited",
  "user.password_reset_requested",
  "user.password_reset",
  "user.email_verified",
  "user.password_changed",
  "user.email_change_requested",
  "user.email_changed",
  "user.registration_requested",
  "user.registered",
  "user.suspended",
  "user.reactivated",
  "user.deleted",
  "key.rotated",
  "api.created",
  "api.updated",
  "api.deleted",
  "role.created",
  "role.updated",
  "role.deleted",
  "sign_in.succeeded",
  "sign_in.failed",
  "account.password_refused",
  "two_factor.enrolled",
  "two_factor.failed",
  "two_factor.recovery_code_used",
  "two_factor.recovery_codes_replaced",
  "two_factor.reset",
  "two_factor.policy_set",
  "passkey.registered",
  "passkey.used",
  "passkey.removed",
  "registration.setting_set",
  "consent.granted",
  "consent.revoked",
  "logout.delivered",
  "logout.failed",
] as const;
export type AuditEventType = (typeof auditEventTypes)[number];

/** Who made a change: an admin in the console, a script with a management token, the CLI, or a user. */
export type Actor = { id?: string; label: string };
export const systemActor: Actor = { label: "system" };
export const cliActor: Actor = { label: "cli" };

export type AuditInput = {
  type: AuditEventType;
  actor: Actor;
  applicationId?: string;
  userId?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  ip?: string;
};
