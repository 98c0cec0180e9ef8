import { presentedMismatches } from './presented-fields';

const registered = {
  carats: 1000,
  valueUsd: 150000,
  parcels: 3,
  hsCode: '7102.31',
  exporter: { name: 'Okavango Diamond Company' },
  importer: { name: 'Dubai Rough DMCC' },
};

describe('presentedMismatches', () => {
  it('finds nothing when what is presented agrees, carats within the tolerance, names without case', () => {
    expect(presentedMismatches(registered, {})).toEqual([]);
    expect(
      presentedMismatches(registered, { carats: 1005, valueUsd: 150000, parcels: 3, hsCode: '7102.31', exporterName: ' okavango diamond company ' }),
    ).toEqual([]);
  });

  it('names every field that differs', () => {
    const found = presentedMismatches(registered, { carats: 1005.5, valueUsd: 150001, parcels: 2, hsCode: '7102.21', importerName: 'Other LLC' });
    expect(found.map((m) => m.split(':')[0])).toEqual(['carats', 'valueUsd', 'parcels', 'hsCode', 'importerName']);
  });
});
