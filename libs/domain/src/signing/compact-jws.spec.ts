import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { CompactSign, compactVerify, importJWK } from 'jose';
import { canonicalJson } from './canonical-json';
import { decodeCompactJws, JWS_ALG, signCompactJws, verifyCompactJws } from './compact-jws';

const payload = {
  certificateNumber: 'BW-2026-000042',
  exportingParticipant: 'BW',
  importingParticipant: 'BE',
  exporter: { name: 'Okavango Diamond Company', address: 'Gaborone' },
  importer: { name: 'Antwerp Rough NV', address: 'Hoveniersstraat 2, Antwerpen' },
  origin: { countries: ['BW'] },
  hsCode: '7102.31',
  carats: 1250.5,
  valueUsd: 2_400_000,
  parcels: 3,
  issuedAt: '2026-03-01T10:00:00.000Z',
  expiresAt: '2026-04-30T10:00:00.000Z',
};

function b64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

function withPayload(jws: string, replacement: object): string {
  const [header, , signature] = jws.split('.');
  return `${header}.${b64url(canonicalJson(replacement))}.${signature}`;
}

describe('compact JWS', () => {
  let publicKey: KeyObject;
  let privateKey: KeyObject;

  beforeAll(() => {
    ({ publicKey, privateKey } = generateKeyPairSync('ed25519'));
  });

  function verifies(jws: string, key: KeyObject = publicKey): boolean {
    const decoded = decodeCompactJws(jws);
    expect(decoded).not.toBeNull();
    return verifyCompactJws(decoded!, key);
  }

  it('verifies what it signed', () => {
    const jws = signCompactJws(payload, 'BW-2026-k1', privateKey);
    expect(jws.split('.')).toHaveLength(3);
    expect(verifies(jws)).toBe(true);
  });

  it('names the algorithm Ed25519 and the key id in the protected header', () => {
    const decoded = decodeCompactJws(signCompactJws(payload, 'BW-2026-k1', privateKey))!;
    expect(JWS_ALG).toBe('Ed25519');
    expect(decoded.header.alg).toBe('Ed25519');
    expect(decoded.header.kid).toBe('BW-2026-k1');
  });

  it('carries the payload canonically, so member order does not change the token', () => {
    const reordered = Object.fromEntries(Object.entries(payload).reverse());
    const a = signCompactJws(payload, 'k', privateKey);
    const b = signCompactJws(reordered, 'k', privateKey);
    expect(a).toBe(b); // Ed25519 is deterministic
    expect(decodeCompactJws(a)!.payload).toEqual(payload);
    expect(Buffer.from(a.split('.')[1], 'base64url').toString('utf8')).toBe(canonicalJson(payload));
  });

  it.each([
    ['certificateNumber', { certificateNumber: 'BW-2026-000043' }],
    ['exportingParticipant', { exportingParticipant: 'ZA' }],
    ['importingParticipant', { importingParticipant: 'AE' }],
    ['exporter', { exporter: { ...payload.exporter, name: 'Someone Else' } }],
    ['importer', { importer: { ...payload.importer, address: 'Dubai' } }],
    ['origin', { origin: { countries: ['CD'] } }],
    ['hsCode', { hsCode: '7102.10' }],
    ['carats', { carats: 1250.51 }],
    ['valueUsd', { valueUsd: 240_000 }],
    ['parcels', { parcels: 4 }],
    ['issuedAt', { issuedAt: '2026-03-02T10:00:00.000Z' }],
    ['expiresAt', { expiresAt: '2027-04-30T10:00:00.000Z' }],
  ])('fails to verify when %s is changed', (_field, change) => {
    const jws = signCompactJws(payload, 'k', privateKey);
    const tampered = withPayload(jws, { ...payload, ...change });
    expect(tampered).not.toBe(jws);
    expect(verifies(tampered)).toBe(false);
    // Re-encoding the untouched payload the same way still verifies, so the change is what broke it.
    expect(verifies(withPayload(jws, payload))).toBe(true);
  });

  it('fails to verify when a field is added to the payload', () => {
    const jws = signCompactJws(payload, 'k', privateKey);
    expect(verifies(withPayload(jws, { ...payload, note: 'extra' }))).toBe(false);
  });

  it('fails to verify with another key', () => {
    const other = generateKeyPairSync('ed25519');
    const jws = signCompactJws(payload, 'k', other.privateKey);
    expect(verifies(jws, publicKey)).toBe(false);
    expect(verifies(jws, other.publicKey)).toBe(true);
  });

  it('fails to verify when the signature is corrupted or missing', () => {
    const jws = signCompactJws(payload, 'k', privateKey);
    const [h, p, s] = jws.split('.');
    const sig = Buffer.from(s, 'base64url');
    sig[0] ^= 0x01;
    expect(verifies(`${h}.${p}.${sig.toString('base64url')}`)).toBe(false);
    expect(verifies(`${h}.${p}.`)).toBe(false);
  });

  it('refuses a header that names another algorithm, even over a good signature', () => {
    const jws = signCompactJws(payload, 'k', privateKey);
    const decoded = decodeCompactJws(jws)!;
    expect(verifyCompactJws({ ...decoded, header: { ...decoded.header, alg: 'none' } }, publicKey)).toBe(false);
    expect(verifyCompactJws({ ...decoded, header: { ...decoded.header, alg: 'HS256' } }, publicKey)).toBe(false);
    const { alg: _dropped, ...noAlg } = decoded.header;
    expect(verifyCompactJws({ ...decoded, header: noAlg }, publicKey)).toBe(false);
  });

  it('accepts the older alg name EdDSA', () => {
    const header = b64url(JSON.stringify({ alg: 'EdDSA', kid: 'k' }));
    const body = b64url(canonicalJson(payload));
    const signature = sign(null, Buffer.from(`${header}.${body}`), privateKey).toString('base64url');
    expect(verifies(`${header}.${body}.${signature}`)).toBe(true);
  });

  it('tolerates surrounding white space, as a scanned QR code may carry', () => {
    const jws = signCompactJws(payload, 'k', privateKey);
    expect(verifies(`  ${jws}\n`)).toBe(true);
  });

  describe('decodeCompactJws', () => {
    const good = b64url('{"alg":"Ed25519"}');
    it.each([
      ['two parts', 'a.b'],
      ['four parts', `${good}.${good}.sig.extra`],
      ['an empty string', ''],
      ['characters outside base64url', `${good}.${good}+/.sig`],
      ['padding', `${good}.${good}=.sig`],
      ['a header that is not JSON', `${b64url('not json')}.${good}.sig`],
      ['a payload that is not JSON', `${good}.${b64url('{"a":')}.sig`],
      ['a header that is a JSON string', `${b64url('"Ed25519"')}.${good}.sig`],
      ['a payload that is JSON null', `${good}.${b64url('null')}.sig`],
      ['a payload that is a number', `${good}.${b64url('42')}.sig`],
      ['garbage', 'this is not a token'],
    ])('returns null for %s', (_what, value) => {
      expect(decodeCompactJws(value)).toBeNull();
    });

    it('splits a well-formed token into its parts', () => {
      const { privateKey: key } = generateKeyPairSync('ed25519');
      const jws = signCompactJws({ a: 1 }, 'kid-1', key);
      const [h, p, s] = jws.split('.');
      const decoded = decodeCompactJws(jws)!;
      expect(decoded.header).toEqual({ alg: 'Ed25519', kid: 'kid-1', typ: 'kp-certificate+jws' });
      expect(decoded.payload).toEqual({ a: 1 });
      expect(decoded.signingInput).toBe(`${h}.${p}`);
      expect(decoded.signature.equals(Buffer.from(s, 'base64url'))).toBe(true);
      expect(decoded.signature).toHaveLength(64);
    });
  });

  describe('interoperability with jose 5', () => {
    function jwk(key: KeyObject) {
      const { x } = key.export({ format: 'jwk' });
      return { kty: 'OKP', crv: 'Ed25519', x: x! };
    }

    it('jose verifies our token, with its Ed25519 header, from the public JWK', async () => {
      const jws = signCompactJws(payload, 'BW-2026-k1', privateKey);
      const key = await importJWK(jwk(publicKey), 'EdDSA');
      const result = await compactVerify(jws, key, { algorithms: ['Ed25519', 'EdDSA'] });
      expect(result.protectedHeader).toMatchObject({ alg: 'Ed25519', kid: 'BW-2026-k1' });
      expect(JSON.parse(Buffer.from(result.payload).toString('utf8'))).toEqual(payload);
      expect(Buffer.from(result.payload).toString('utf8')).toBe(canonicalJson(payload));
    });

    it('jose accepts the Ed25519 name only when the verifier allows it', async () => {
      const jws = signCompactJws(payload, 'k', privateKey);
      const key = await importJWK(jwk(publicKey), 'EdDSA');
      await expect(compactVerify(jws, key, { algorithms: ['Ed25519'] })).resolves.toBeDefined();
      await expect(compactVerify(jws, key, { algorithms: ['EdDSA'] })).rejects.toMatchObject({
        code: 'ERR_JOSE_ALG_NOT_ALLOWED',
      });
    });

    it('jose rejects our token when a payload field was changed', async () => {
      const jws = signCompactJws(payload, 'k', privateKey);
      const key = await importJWK(jwk(publicKey), 'EdDSA');
      await expect(
        compactVerify(withPayload(jws, { ...payload, carats: 12.5 }), key, { algorithms: ['Ed25519', 'EdDSA'] }),
      ).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    });

    it('jose rejects our token under another public key', async () => {
      const jws = signCompactJws(payload, 'k', privateKey);
      const other = generateKeyPairSync('ed25519');
      const key = await importJWK(jwk(other.publicKey), 'EdDSA');
      await expect(compactVerify(jws, key, { algorithms: ['Ed25519', 'EdDSA'] })).rejects.toMatchObject({
        code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      });
    });

    it.each(['Ed25519', 'EdDSA'])('we verify a token jose signed with alg %s', async (alg) => {
      const jws = await new CompactSign(Buffer.from(canonicalJson(payload)))
        .setProtectedHeader({ alg, kid: 'k' })
        .sign(privateKey);
      const decoded = decodeCompactJws(jws)!;
      expect(decoded.header.alg).toBe(alg);
      expect(decoded.payload).toEqual(payload);
      expect(verifyCompactJws(decoded, publicKey)).toBe(true);
    });
  });
});
