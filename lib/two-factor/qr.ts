import QRCode from "qrcode";

/**
 * The QR code of an otpauth:// URI as an SVG document, made on the server: the page shows it
 * without a script, and the secret never goes to a third-party QR service.
 */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}
