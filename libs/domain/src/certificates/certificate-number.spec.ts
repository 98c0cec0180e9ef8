import { CERTIFICATE_NUMBER_PATTERN, formatCertificateNumber, MAX_SERIAL, parseCertificateNumber } from './certificate-number';

describe('certificate numbers', () => {
  it('formats participant, year and a six-digit serial', () => {
    expect(formatCertificateNumber('BW', 2026, 42)).toBe('BW-2026-000042');
    expect(formatCertificateNumber('EU', 2026, 1)).toBe('EU-2026-000001');
    expect(formatCertificateNumber('ZA', 2027, 123456)).toBe('ZA-2027-123456');
    expect(formatCertificateNumber('AE', 2026, MAX_SERIAL)).toBe('AE-2026-999999');
  });

  it.each([
    ['BW', 2026, 1],
    ['CD', 2026, 42],
    ['EU', 1999, 100000],
    ['AE', 2030, 999999],
  ])('parses what it formats: %s %d %d', (participant, year, serial) => {
    const number = formatCertificateNumber(participant, year, serial);
    expect(number).toMatch(CERTIFICATE_NUMBER_PATTERN);
    expect(parseCertificateNumber(number)).toEqual({ participant, year, serial });
  });

  it.each([0, 1_000_000, -1, 1.5, NaN, Infinity])('refuses the serial %p', (serial) => {
    expect(() => formatCertificateNumber('BW', 2026, serial)).toThrow(RangeError);
  });

  it('names the allowed range when refusing a serial', () => {
    expect(() => formatCertificateNumber('BW', 2026, 0)).toThrow('1..999999');
  });

  it.each(['bw', 'Bw', 'B', 'BWA', '', 'B1', 'É1'])('refuses the participant code %p', (participant) => {
    expect(() => formatCertificateNumber(participant, 2026, 1)).toThrow(RangeError);
  });

  it.each([
    '',
    'BW-2026-42',
    'BW-2026-0000042',
    'bw-2026-000042',
    'BWA-2026-000042',
    'BW-26-000042',
    'BW_2026_000042',
    'BW-2026-00004A',
    ' BW-2026-000042',
    'BW-2026-000042 ',
    'BW-2026-000042\n',
    'BW2026000042',
    'xBW-2026-000042',
  ])('parse returns null for the malformed value %p', (value) => {
    expect(parseCertificateNumber(value)).toBeNull();
  });

  it('parses numbers as numbers, not strings', () => {
    const parsed = parseCertificateNumber('CF-2026-000700');
    expect(parsed).toEqual({ participant: 'CF', year: 2026, serial: 700 });
    expect(typeof parsed!.serial).toBe('number');
    expect(typeof parsed!.year).toBe('number');
  });
});
