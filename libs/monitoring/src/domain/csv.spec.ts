import { csvField, toCsv } from './csv';
import { statisticsCsv } from './statistics';

describe('CSV', () => {
  it('quotes only what needs quoting, doubling quotes', () => {
    expect(csvField('BW')).toBe('BW');
    expect(csvField(1250.5)).toBe('1250.5');
    expect(csvField(null)).toBe('');
    expect(csvField('Dubai, UAE')).toBe('"Dubai, UAE"');
    expect(csvField('the "Cullinan"')).toBe('"the ""Cullinan"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('writes a header row and CRLF line ends', () => {
    expect(toCsv(['a', 'b'], [[1, 'x'], [2, null]])).toBe('a,b\r\n1,x\r\n2,\r\n');
  });

  it('statistics: one row per item under the header', () => {
    const csv = statisticsCsv([
      { year: 2026, quarter: 4, participant: 'BW', flow: 'EXPORT', hsCode: '7102.31', certificates: 2, carats: 2501, valueUsd: 375000 },
      { year: 2026, quarter: 4, participant: 'AE', flow: 'IMPORT', hsCode: '7102.10', certificates: 1, carats: 10.25, valueUsd: 999.99 },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'year,quarter,participant,flow,hsCode,certificates,carats,valueUsd',
      '2026,4,BW,EXPORT,7102.31,2,2501,375000',
      '2026,4,AE,IMPORT,7102.10,1,10.25,999.99',
      '',
    ]);
  });
});
