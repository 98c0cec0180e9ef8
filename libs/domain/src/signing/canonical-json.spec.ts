import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('gives the same bytes whatever order the members were written in', () => {
    const a = { carats: 1250.5, hsCode: '7102.31', certificateNumber: 'BW-2026-000042' };
    const b = { certificateNumber: 'BW-2026-000042', hsCode: '7102.31', carats: 1250.5 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"carats":1250.5,"certificateNumber":"BW-2026-000042","hsCode":"7102.31"}');
  });

  it('sorts nested objects, keeps array order and writes no white space', () => {
    const value = {
      origin: { zones: ['Jwaneng', 'Orapa'], countries: ['ZA', 'BW'] },
      exporter: { name: 'Debswana', address: 'Gaborone' },
      parcels: [{ b: 2, a: 1 }, [3, { z: true, y: null }]],
    };
    expect(canonicalJson(value)).toBe(
      '{"exporter":{"address":"Gaborone","name":"Debswana"},' +
        '"origin":{"countries":["ZA","BW"],"zones":["Jwaneng","Orapa"]},' +
        '"parcels":[{"a":1,"b":2},[3,{"y":null,"z":true}]]}',
    );
  });

  it('drops members whose value is undefined, as JSON.stringify does', () => {
    const value = { a: 1, zones: undefined, nested: { keep: 'x', drop: undefined } };
    expect(canonicalJson(value)).toBe('{"a":1,"nested":{"keep":"x"}}');
    expect(canonicalJson(value)).toBe(canonicalJson({ a: 1, nested: { keep: 'x' } }));
  });

  it('writes undefined array items as null, as JSON.stringify does', () => {
    expect(canonicalJson([1, undefined, 3])).toBe('[1,null,3]');
    expect(canonicalJson([1, undefined, 3])).toBe(JSON.stringify([1, undefined, 3]));
  });

  it.each([1250.5, 1e21, 1e-7, -0, 0, 123456789012345680000, 0.1 + 0.2, -42, 5e-324, Number.MAX_SAFE_INTEGER])(
    'serialises the number %p as JSON.stringify does',
    (n) => {
      expect(canonicalJson(n)).toBe(JSON.stringify(n));
      expect(canonicalJson({ n })).toBe(`{"n":${JSON.stringify(n)}}`);
    },
  );

  it('writes the awkward numbers in their ECMAScript form', () => {
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(1250.5)).toBe('1250.5');
    expect(canonicalJson(4.5)).toBe('4.5');
    expect(canonicalJson(1e-7)).toBe('1e-7');
  });

  it.each([NaN, Infinity, -Infinity])('rejects the non-finite number %p', (n) => {
    expect(() => canonicalJson(n)).toThrow(TypeError);
    expect(() => canonicalJson({ carats: n })).toThrow(/non-finite/);
    expect(() => canonicalJson([1, n])).toThrow(TypeError);
  });

  it('rejects values JSON cannot hold', () => {
    expect(() => canonicalJson(BigInt(1))).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(Symbol('s'))).toThrow(TypeError);
  });

  it('serialises literals', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
  });

  it('escapes strings as JSON.stringify does and leaves other unicode as is', () => {
    const s = 'Côte d’Ivoire "quoted" back\\slash\nnew line\ttab \u0001 € 💎';
    expect(canonicalJson(s)).toBe(JSON.stringify(s));
    expect(canonicalJson(s)).toBe('"Côte d’Ivoire \\"quoted\\" back\\\\slash\\nnew line\\ttab \\u0001 € 💎"');
    expect(canonicalJson({ [s]: s })).toBe(`{${JSON.stringify(s)}:${JSON.stringify(s)}}`);
  });

  it('reproduces the RFC 8785 section 3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts member names by UTF-16 code units (RFC 8785 section 3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const text = canonicalJson(input);
    const positions = [
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ].map((v) => text.indexOf(`"${v}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(text.startsWith('{"\\r":"Carriage Return","1":"One","\u0080":"Control"')).toBe(true);
  });
});
