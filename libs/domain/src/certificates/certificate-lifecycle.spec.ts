import { borderFindings, CERTIFICATE_TRANSITIONS, importDiscrepancies, nextStatus } from './certificate-lifecycle';

describe('certificate lifecycle', () => {
  it('lets an issued certificate be voided, reported, confirmed or replaced', () => {
    expect(nextStatus('ISSUED', 'VOID')).toBe('VOIDED');
    expect(nextStatus('ISSUED', 'REPORT_LOST')).toBe('REPORTED_LOST');
    expect(nextStatus('ISSUED', 'REPORT_STOLEN')).toBe('REPORTED_STOLEN');
    expect(nextStatus('ISSUED', 'CONFIRM_IMPORT')).toBe('IMPORT_CONFIRMED');
    expect(nextStatus('ISSUED', 'REPLACE')).toBe('VOIDED');
  });

  it('ends at VOIDED and IMPORT_CONFIRMED: nothing further is allowed', () => {
    expect(CERTIFICATE_TRANSITIONS.VOIDED).toEqual({});
    expect(CERTIFICATE_TRANSITIONS.IMPORT_CONFIRMED).toEqual({});
    expect(nextStatus('IMPORT_CONFIRMED', 'CONFIRM_IMPORT')).toBeNull();
    expect(nextStatus('VOIDED', 'REPLACE')).toBeNull();
  });

  it('never confirms the import of a lost or stolen certificate', () => {
    expect(nextStatus('REPORTED_LOST', 'CONFIRM_IMPORT')).toBeNull();
    expect(nextStatus('REPORTED_STOLEN', 'CONFIRM_IMPORT')).toBeNull();
    expect(nextStatus('REPORTED_STOLEN', 'VOID')).toBe('VOIDED');
  });
});

describe('importDiscrepancies', () => {
  const certified = { carats: 1000, parcels: 3 };

  it('accepts a weight within the tolerance (0.5 % by default), on its boundary too', () => {
    expect(importDiscrepancies(certified, { carats: 1005, parcels: 3, sealIntact: true })).toEqual([]);
    expect(importDiscrepancies(certified, { carats: 995, parcels: 3, sealIntact: true })).toEqual([]);
  });

  it('flags a weight beyond it, a parcel count that differs, and a broken seal', () => {
    const found = importDiscrepancies(certified, { carats: 1005.01, parcels: 2, sealIntact: false });
    expect(found.map((d) => d.code)).toEqual(['WEIGHT_MISMATCH', 'PARCELS_MISMATCH', 'SEAL_BROKEN']);
    expect(importDiscrepancies(certified, { carats: 1030, parcels: 3, sealIntact: true }, 0.05)).toEqual([]);
  });
});

describe('borderFindings', () => {
  const certified = { carats: 1000, parcels: 3 };

  it('finds nothing for what was not checked, or checked and right', () => {
    expect(borderFindings(certified, { type: 'ARRIVED' })).toEqual([]);
    expect(borderFindings(certified, { type: 'INSPECTED', sealIntact: true, measuredCarats: 1004, parcelsCounted: 3 })).toEqual([]);
  });

  it('flags a hold, with the remarks, besides what the inspection found', () => {
    const found = borderFindings(certified, { type: 'HELD', remarks: 'Awaiting documents', sealIntact: false });
    expect(found.map((f) => f.code)).toEqual(['SEAL_BROKEN', 'HELD_AT_BORDER']);
    expect(found[1].message).toContain('Awaiting documents');
  });
});
