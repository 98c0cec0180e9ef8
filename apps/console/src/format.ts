const numbers = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const dollars = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });

export const num = (n: number | null | undefined) => (typeof n === 'number' ? numbers.format(n) : '—');
export const usd = (n: number | null | undefined) => (typeof n === 'number' ? dollars.format(n) : '—');
export const carats = (n: number | null | undefined) => (typeof n === 'number' ? `${numbers.format(n)} ct` : '—');

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function date(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.slice(0, 10);
}

export const HS_CODES = [
  { code: '7102.10', label: '7102.10 — unsorted' },
  { code: '7102.21', label: '7102.21 — industrial: unworked or simply sawn, cleaved or bruted' },
  { code: '7102.31', label: '7102.31 — non-industrial: unworked or simply sawn, cleaved or bruted' },
] as const;

export const ROLE_NAMES: Record<string, string> = {
  issuing_officer: 'Export officer',
  customs_officer: 'Customs officer',
  secretariat: 'Secretariat',
  committee_member: 'Committee delegate',
  chair: 'Chair',
  observer: 'Observer',
  admin: 'Administrator',
};

export const humanize = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');
