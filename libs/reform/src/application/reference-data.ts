/** The current review cycle of the Ad Hoc Committee on Review and Reform, and its sub-teams (DOMAIN.md §6.1). */
export const CURRENT_CYCLE = {
  id: 'AHCRR-2023',
  name: 'Ad Hoc Committee on Review and Reform, second cycle',
  mandate:
    'Review the KPCS Core Document: the conflict diamond definition, KP governance and a permanent secretariat, what compliance means for producers, technical assistance (Gaborone plenary, November 2022).',
  startsOn: '2023-01-01',
  endsOn: '2028-12-31',
};

export const SUB_TEAMS = [
  { id: 'DEFINITION', name: 'Definition' },
  { id: 'CORE_DOCUMENT', name: 'Core Document' },
  { id: 'COMPLIANCE_GOVERNANCE', name: 'Compliance and Governance' },
  { id: 'TECHNICAL_ASSISTANCE', name: 'Technical Assistance' },
] as const;

/** The definition in force since the Core Document of 2003 (Section I), version 1 of the record. */
export const ORIGINAL_DEFINITION =
  'Conflict diamonds means rough diamonds used by rebel movements or their allies to finance conflict aimed at undermining legitimate governments, as described in relevant United Nations Security Council resolutions.';
