/** `{participant}-{year}-{serial of 6 digits}`, e.g. `BW-2026-000042`. */
export const CERTIFICATE_NUMBER_PATTERN = /^([A-Z]{2})-(\d{4})-(\d{6})$/;

export const MAX_SERIAL = 999_999;

export function formatCertificateNumber(participant: string, year: number, serial: number): string {
  if (!/^[A-Z]{2}$/.test(participant)) throw new RangeError(`not a participant code: ${participant}`);
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_SERIAL) {
    throw new RangeError(`serial ${serial} is outside 1..${MAX_SERIAL}`);
  }
  return `${participant}-${year}-${String(serial).padStart(6, '0')}`;
}

export interface ParsedCertificateNumber {
  participant: string;
  year: number;
  serial: number;
}

export function parseCertificateNumber(value: string): ParsedCertificateNumber | null {
  const match = CERTIFICATE_NUMBER_PATTERN.exec(value);
  if (!match) return null;
  return { participant: match[1], year: Number(match[2]), serial: Number(match[3]) };
}
