import "server-only";
import QRCode from "qrcode";

/** The otpauth:// URI as an SVG QR code, drawn on the server: no script, no image request. */
export async function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 4, color: { dark: "#000000", light: "#ffffff" } });
}
