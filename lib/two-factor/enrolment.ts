import type { TotpEnrolment } from "../provider-pages/data";
import { qrSvg } from "./qr";
import { otpauthUri } from "./totp";

/** What the apps show the account as: the issuer's name, then the user's email. */
export const TOTP_ISSUER = "Latchkey";

/** The enrolment view of a secret: its otpauth:// URI, as a QR code and the secret as text. */
export async function totpEnrolment(secret: string, email: string): Promise<TotpEnrolment> {
  const uri = otpauthUri(secret, TOTP_ISSUER, email);
  return { qrSvg: await qrSvg(uri), secret, otpauthUri: uri };
}
