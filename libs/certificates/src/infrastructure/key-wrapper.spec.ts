import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { LocalKeyWrapper } from './key-wrapper';

const kek = () => randomBytes(32).toString('base64');

function flipByteOf(wrapped: string, part: 1 | 2 | 3): string {
  const parts = wrapped.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[0] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('LocalKeyWrapper', () => {
  const privateKeyDer = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });

  it('unwraps what it wrapped', async () => {
    const wrapper = new LocalKeyWrapper(kek());
    const wrapped = await wrapper.wrap(privateKeyDer);
    expect(await wrapper.unwrap(wrapped)).toEqual(privateKeyDer);
  });

  it('unwraps with another instance built from the same key-encryption key', async () => {
    const key = kek();
    const wrapped = await new LocalKeyWrapper(key).wrap(privateKeyDer);
    expect(await new LocalKeyWrapper(key).unwrap(wrapped)).toEqual(privateKeyDer);
  });

  it('does not leave the key readable in the wrapped form', async () => {
    const wrapped = await new LocalKeyWrapper(kek()).wrap(privateKeyDer);
    expect(wrapped.startsWith('v1.')).toBe(true);
    expect(wrapped.split('.')).toHaveLength(4);
    const raw = privateKeyDer.subarray(-32);
    expect(wrapped).not.toContain(raw.toString('base64url'));
    expect(Buffer.from(wrapped.split('.')[3], 'base64url').includes(raw)).toBe(false);
  });

  it('wraps the same key differently each time (random IV)', async () => {
    const wrapper = new LocalKeyWrapper(kek());
    const a = await wrapper.wrap(privateKeyDer);
    const b = await wrapper.wrap(privateKeyDer);
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    expect(await wrapper.unwrap(a)).toEqual(await wrapper.unwrap(b));
  });

  it('refuses to unwrap under another key-encryption key', async () => {
    const wrapped = await new LocalKeyWrapper(kek()).wrap(privateKeyDer);
    await expect(new LocalKeyWrapper(kek()).unwrap(wrapped)).rejects.toThrow();
  });

  it.each([
    ['the IV', 1],
    ['the tag', 2],
    ['the ciphertext', 3],
  ] as const)('refuses a wrapped key whose %s was tampered with', async (_what, part) => {
    const wrapper = new LocalKeyWrapper(kek());
    const wrapped = await wrapper.wrap(privateKeyDer);
    await expect(wrapper.unwrap(flipByteOf(wrapped, part))).rejects.toThrow();
  });

  it('refuses an unknown wrapping version', async () => {
    const wrapper = new LocalKeyWrapper(kek());
    const wrapped = await wrapper.wrap(privateKeyDer);
    await expect(wrapper.unwrap(wrapped.replace(/^v1\./, 'v2.'))).rejects.toThrow('unknown sealing v2');
  });

  it.each([
    ['empty', ''],
    ['16 bytes', randomBytes(16).toString('base64')],
    ['31 bytes', randomBytes(31).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['64 bytes', randomBytes(64).toString('base64')],
    ['32 bytes written as hex', randomBytes(32).toString('hex')],
  ])('refuses a key-encryption key of %s', (_what, key) => {
    expect(() => new LocalKeyWrapper(key)).toThrow('the key-encryption key must be 32 bytes');
  });
});

describe('LocalKeyWrapper: authentication tag', () => {
  it('refuses a wrapped key whose tag was cut short', async () => {
    const wrapper = new LocalKeyWrapper(kek());
    const [version, iv, tag, body] = (await wrapper.wrap(randomBytes(48))).split('.');
    const truncated = [version, iv, Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url'), body].join('.');
    await expect(wrapper.unwrap(truncated)).rejects.toThrow();
  });
});
