import type { MeasureKind, MeasureScope } from '@kp/contracts';

export interface MeasureSeed {
  /** Fixed, so that seeding twice (or on several instances) records each once. */
  id: string;
  participant: string;
  kind: MeasureKind;
  scope: MeasureScope;
  allowedZones: string[];
  effectiveFrom: string;
  effectiveTo: string;
  legalBasis: string;
}

/**
 * The KP's own history of restrictions, seeded as reference data so that old certificates
 * are judged by the rules of their day. Where a source gives only a month or a year, the
 * first day of it (or the plenary's date) is used.
 */
export const HISTORICAL_MEASURES: readonly MeasureSeed[] = [
  {
    id: '5cf0e4f6-3186-50fa-a1cd-b8b6ddf3724e',
    participant: 'CG',
    kind: 'SUSPENSION',
    scope: 'ALL',
    allowedZones: [],
    effectiveFrom: '2004-07-09',
    effectiveTo: '2007-11-01',
    legalBasis:
      'Removal of the Republic of Congo from the list of KP participants, 9 July 2004 (review mission: exports far beyond production capacity); readmitted at the Brussels plenary, November 2007',
  },
  {
    id: '788ea051-d3b1-5e56-b198-5d4bfd7a4edb',
    participant: 'CI',
    kind: 'EMBARGO',
    scope: 'ALL',
    allowedZones: [],
    effectiveFrom: '2005-12-15',
    effectiveTo: '2014-04-29',
    legalBasis: 'UN Security Council resolution 1643 (2005): embargo on rough diamonds from Côte d’Ivoire; lifted by resolution 2153 (29 April 2014)',
  },
  {
    id: 'f2584f16-71c5-5209-915c-2d8ef2cf18b2',
    participant: 'VE',
    kind: 'SUSPENSION',
    scope: 'ALL',
    allowedZones: [],
    effectiveFrom: '2008-01-01',
    effectiveTo: '2016-11-18',
    legalBasis: 'Voluntary self-suspension of Venezuela (2008); readmitted at the Dubai plenary, November 2016',
  },
  {
    id: '3b5c961e-9d07-505a-843c-febd5778a023',
    participant: 'CF',
    kind: 'SUSPENSION',
    scope: 'ALL',
    allowedZones: [],
    effectiveFrom: '2013-05-23',
    effectiveTo: '2015-07-17',
    legalBasis: 'Administrative Decision on the temporary suspension of the Central African Republic, adopted by written procedure on 23 May 2013',
  },
  {
    id: '4e4305d1-f23a-5017-8a8e-934d16d7ac4c',
    participant: 'CF',
    kind: 'EMBARGO',
    scope: 'ZONES',
    allowedZones: ['Berberati', 'Boda', 'Carnot', 'Nola'],
    effectiveFrom: '2015-07-17',
    effectiveTo: '2019-11-22',
    legalBasis:
      'Administrative Decision on the Resumption of Exports of Rough Diamonds from the Central African Republic, 17 July 2015: exports only from compliant zones under the Operational Framework',
  },
  {
    id: '9ae88166-7130-5e96-8b9a-8aaf5d6099d7',
    participant: 'CF',
    kind: 'EMBARGO',
    scope: 'ZONES',
    allowedZones: ['Berberati', 'Boda', 'Carnot', 'Nola'],
    effectiveFrom: '2019-11-22',
    effectiveTo: '2024-11-15',
    legalBasis:
      'Restructured Operational Framework for the Central African Republic, New Delhi plenary, November 2019: exports only from approved zones; lifted when the Dubai plenary readmitted the CAR fully on 15 November 2024',
  },
];
