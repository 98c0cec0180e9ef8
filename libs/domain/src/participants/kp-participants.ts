import * as countries from 'i18n-iso-countries';
// Registering the English names once; the library ships them as JSON.
// eslint-disable-next-line @typescript-eslint/no-require-imports
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/** The European Union takes part as one participant; its code is ISO's exceptionally reserved `EU`. */
export const EU = 'EU';

export const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const;

/** The 60 KP participants (59 states and the EU), by ISO 3166-1 alpha-2 code. */
export const KP_PARTICIPANT_CODES = [
  'AO', 'AM', 'AU', 'BD', 'BY', 'BW', 'BR', 'KH', 'CM', 'CA', 'CF', 'CN', 'CI', 'CD', 'CG',
  EU, 'SZ', 'GA', 'GH', 'GN', 'GY', 'IN', 'ID', 'IL', 'JP', 'KZ', 'KR', 'KG', 'LA', 'LB',
  'LS', 'LR', 'MY', 'ML', 'MU', 'MX', 'MZ', 'NA', 'NZ', 'NO', 'PA', 'QA', 'RU', 'SL', 'SG',
  'ZA', 'LK', 'CH', 'TZ', 'TH', 'TG', 'TR', 'UA', 'AE', 'GB', 'US', 'UZ', 'VE', 'VN', 'ZW',
] as const;

/** Trades rough under KP minimum requirements without being a participant. */
export const CHINESE_TAIPEI_TRADING_ENTITY = 'TW';

/** A country code is ISO 3166-1 alpha-2 (or `EU`); anything else is malformed input. */
export function isCountryCode(code: unknown): code is string {
  return typeof code === 'string' && (code === EU || (/^[A-Z]{2}$/.test(code) && countries.isValid(code)));
}

/** The English short name from the ISO 3166 data, `European Union` for EU. */
export function participantName(code: string): string {
  if (code === EU) return 'European Union';
  const name = countries.getName(code, 'en', { select: 'official' });
  if (!name) throw new RangeError(`no ISO 3166 name for ${code}`);
  return name;
}

export function isKpParticipantCode(code: string): boolean {
  return (KP_PARTICIPANT_CODES as readonly string[]).includes(code);
}

/** Observers take part in every working body, with a voice and no vote. */
export const KP_OBSERVERS = [
  { code: 'WDC', name: 'World Diamond Council', pillar: 'industry' },
  { code: 'CSC', name: 'Kimberley Process Civil Society Coalition', pillar: 'civil society' },
  { code: 'ADPA', name: 'African Diamond Producers Association', pillar: 'producers' },
  { code: 'DDI', name: 'Diamond Development Initiative (DDI@RESOLVE)', pillar: 'civil society' },
] as const;

/** Meets the minimum requirements without being a participant; listed apart. */
export const SEPARATELY_LISTED_ENTITIES = [
  { code: CHINESE_TAIPEI_TRADING_ENTITY, name: 'Rough diamond trading entity of Chinese Taipei' },
] as const;
