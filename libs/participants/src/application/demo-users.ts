import type { Role } from '@kp/kernel';

export const DEMO_PASSWORD = 'kimberley-demo';

export interface UserSeed {
  username: string;
  roles: Role[];
  participant: string | null;
}

const officers = ['bw', 'ae', 'eu', 'in', 'cf'].flatMap((p): UserSeed[] => [
  { username: `${p}.issuer`, roles: ['issuing_officer'], participant: p.toUpperCase() },
  { username: `${p}.customs`, roles: ['customs_officer'], participant: p.toUpperCase() },
]);

/** The demo users API.md lists, seeded with `KP_DEMO=1`. */
export const DEMO_USERS: readonly UserSeed[] = [
  ...officers,
  { username: 'na.issuer', roles: ['issuing_officer'], participant: 'NA' },
  { username: 'cd.issuer', roles: ['issuing_officer'], participant: 'CD' },
  { username: 'secretariat', roles: ['secretariat'], participant: null },
  { username: 'chair', roles: ['chair', 'committee_member'], participant: 'AE' },
  { username: 'za.delegate', roles: ['committee_member'], participant: 'ZA' },
  { username: 'ru.delegate', roles: ['committee_member'], participant: 'RU' },
  { username: 'csc.observer', roles: ['observer'], participant: null },
  { username: 'wdc.observer', roles: ['observer'], participant: null },
  { username: 'admin', roles: ['admin'], participant: null },
];
