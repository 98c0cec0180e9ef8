/**
 * The issue form's fields and the rules the API applies to them (IssueCertificateRequestDto),
 * checked in the browser first so the officer sees every problem at once.
 */

export interface IssueForm {
  importingParticipant: string;
  exporterName: string;
  exporterAddress: string;
  importerName: string;
  importerAddress: string;
  originCountries: string;
  originZones: string;
  hsCode: string;
  carats: string;
  valueUsd: string;
  parcels: string;
  expiresAt: string;
}

export const EMPTY_ISSUE_FORM: IssueForm = {
  importingParticipant: '',
  exporterName: '',
  exporterAddress: '',
  importerName: '',
  importerAddress: '',
  originCountries: '',
  originZones: '',
  hsCode: '7102.31',
  carats: '',
  valueUsd: '',
  parcels: '',
  expiresAt: '',
};

/** The API's field names (as its 400 `errors` name them) → the form's. */
export const API_FIELD: Record<string, keyof IssueForm> = {
  importingParticipant: 'importingParticipant',
  'exporter.name': 'exporterName',
  'exporter.address': 'exporterAddress',
  exporter: 'exporterName',
  'importer.name': 'importerName',
  'importer.address': 'importerAddress',
  importer: 'importerName',
  'origin.countries': 'originCountries',
  origin: 'originCountries',
  'origin.zones': 'originZones',
  hsCode: 'hsCode',
  carats: 'carats',
  valueUsd: 'valueUsd',
  parcels: 'parcels',
  expiresAt: 'expiresAt',
};

export const FIELD_LABELS: Record<string, string> = {
  importingParticipant: 'Importing participant',
  'exporter.name': 'Exporter name',
  'exporter.address': 'Exporter address',
  'importer.name': 'Importer name',
  'importer.address': 'Importer address',
  'origin.countries': 'Countries of origin',
  'origin.zones': 'Zones of origin',
  hsCode: 'HS code',
  carats: 'Carats',
  valueUsd: 'Value (USD)',
  parcels: 'Parcels',
  expiresAt: 'Expires',
};

export const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const decimals = (s: string) => (s.includes('.') ? s.split('.')[1].length : 0);
const NUMBER = /^\d+(\.\d+)?$/;

function amount(raw: string, what: string, max: number, errors: Partial<Record<keyof IssueForm, string>>, key: keyof IssueForm) {
  const s = raw.trim().replace(/[\s,]/g, '');
  if (!s) return (errors[key] = `Enter the ${what}.`);
  if (!NUMBER.test(s)) return (errors[key] = `The ${what} must be a number.`);
  if (decimals(s) > 2) return (errors[key] = `The ${what} may have at most two decimals.`);
  const n = Number(s);
  if (!(n > 0)) return (errors[key] = `The ${what} must be more than zero.`);
  if (n > max) return (errors[key] = `The ${what} is too large.`);
  return undefined;
}

export function validateIssueForm(f: IssueForm): Partial<Record<keyof IssueForm, string>> {
  const errors: Partial<Record<keyof IssueForm, string>> = {};
  const code = f.importingParticipant.trim().toUpperCase();
  if (!code) errors.importingParticipant = 'Choose the importing participant.';
  else if (!/^[A-Z]{2}$/.test(code)) errors.importingParticipant = 'A participant is a two-letter code (ISO 3166-1, or EU).';
  for (const [key, label, max] of [
    ['exporterName', "exporter's name", 200],
    ['exporterAddress', "exporter's address", 500],
    ['importerName', "importer's name", 200],
    ['importerAddress', "importer's address", 500],
  ] as const) {
    const v = f[key].trim();
    if (!v) errors[key] = `Enter the ${label}.`;
    else if (v.length > max) errors[key] = `The ${label} may have at most ${max} characters.`;
  }
  const countries = list(f.originCountries).map((c) => c.toUpperCase());
  if (!countries.length) errors.originCountries = 'Enter at least one country of origin.';
  else if (countries.some((c) => !/^[A-Z]{2}$/.test(c))) errors.originCountries = 'Countries are two-letter ISO 3166-1 codes, separated by commas.';
  else if (countries.includes('EU')) errors.originCountries = 'EU is not a country of origin: name the countries.';
  else if (new Set(countries).size !== countries.length) errors.originCountries = 'Each country only once.';
  else if (countries.length > 60) errors.originCountries = 'At most 60 countries.';
  const zones = list(f.originZones);
  if (zones.length > 50) errors.originZones = 'At most 50 zones.';
  else if (zones.some((z) => z.length > 100)) errors.originZones = 'A zone name has at most 100 characters.';
  if (!['7102.10', '7102.21', '7102.31'].includes(f.hsCode)) errors.hsCode = 'Choose the HS code of rough diamonds.';
  amount(f.carats, 'carats', 1e9, errors, 'carats');
  amount(f.valueUsd, 'value', 1e12, errors, 'valueUsd');
  const parcels = f.parcels.trim();
  if (!parcels) errors.parcels = 'Enter the number of parcels.';
  else if (!/^\d+$/.test(parcels) || Number(parcels) < 1) errors.parcels = 'Parcels are a whole number, at least 1.';
  else if (Number(parcels) > 100000) errors.parcels = 'At most 100,000 parcels.';
  if (f.expiresAt && !/^\d{4}-\d{2}-\d{2}$/.test(f.expiresAt)) errors.expiresAt = 'A date, YYYY-MM-DD.';
  else if (f.expiresAt && f.expiresAt < new Date().toISOString().slice(0, 10)) errors.expiresAt = 'The expiry date must not be in the past.';
  return errors;
}

export function issueBody(f: IssueForm) {
  const zones = list(f.originZones);
  return {
    importingParticipant: f.importingParticipant.trim().toUpperCase(),
    exporter: { name: f.exporterName.trim(), address: f.exporterAddress.trim() },
    importer: { name: f.importerName.trim(), address: f.importerAddress.trim() },
    origin: { countries: list(f.originCountries).map((c) => c.toUpperCase()), ...(zones.length ? { zones } : {}) },
    hsCode: f.hsCode,
    carats: Number(f.carats.trim().replace(/[\s,]/g, '')),
    valueUsd: Number(f.valueUsd.trim().replace(/[\s,]/g, '')),
    parcels: Number(f.parcels.trim()),
    ...(f.expiresAt ? { expiresAt: f.expiresAt } : {}),
  };
}
