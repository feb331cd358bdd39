/**
 * oidc-provider hands `features.rpInitiatedLogout.logoutSource` the confirmation form as HTML
 * (9.13.3, lib/actions/end_session.js: one hidden input named xsrf), and Latchkey renders its
 * own page, so it needs the form's anti-forgery value. Throws rather than render a form whose
 * post would fail: a changed form must be noticed, not turned into a logout that never works.
 */
export function logoutFormXsrf(form: string): string {
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1];
  if (!xsrf) throw new Error("oidc-provider's logout form no longer carries an xsrf input");
  return xsrf;
}
