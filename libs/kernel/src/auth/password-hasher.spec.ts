import { hashPassword, verifyPassword } from './password-hasher';

describe('password hasher', () => {
  let stored: string;

  beforeAll(async () => {
    stored = await hashPassword('correct horse battery staple');
  });

  it('verifies the right password', async () => {
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
  });

  it.each(['Correct horse battery staple', 'correct horse battery stapl', '', 'correct horse battery staple '])(
    'refuses the wrong password %p',
    async (wrong) => {
      await expect(verifyPassword(wrong, stored)).resolves.toBe(false);
    },
  );

  it('stores scrypt with its cost, a salt and the hash', () => {
    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true);
    const [, , , , salt, hash] = stored.split('$');
    expect(stored.split('$')).toHaveLength(6);
    expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(Buffer.from(hash, 'base64url')).toHaveLength(32);
    expect(stored).not.toContain('correct horse');
  });

  it('salts each hash, so the same password hashes differently and both verify', async () => {
    const again = await hashPassword('correct horse battery staple');
    expect(again).not.toBe(stored);
    expect(again.split('$')[4]).not.toBe(stored.split('$')[4]);
    await expect(verifyPassword('correct horse battery staple', again)).resolves.toBe(true);
  });

  it('handles passwords beyond ASCII', async () => {
    const h = await hashPassword('diamant-💎-ñ');
    await expect(verifyPassword('diamant-💎-ñ', h)).resolves.toBe(true);
    await expect(verifyPassword('diamant-💎-n', h)).resolves.toBe(false);
  });

  it('fails when the stored hash was tampered with', async () => {
    const parts = stored.split('$');
    const hash = Buffer.from(parts[5], 'base64url');
    hash[0] ^= 0x01;
    const tampered = [...parts.slice(0, 5), hash.toString('base64url')].join('$');
    await expect(verifyPassword('correct horse battery staple', tampered)).resolves.toBe(false);
  });

  it('fails when the stored salt was tampered with', async () => {
    const parts = stored.split('$');
    const salt = Buffer.from(parts[4], 'base64url');
    salt[15] ^= 0x80;
    const tampered = [...parts.slice(0, 4), salt.toString('base64url'), parts[5]].join('$');
    await expect(verifyPassword('correct horse battery staple', tampered)).resolves.toBe(false);
  });

  it('fails when the stored hash was truncated', async () => {
    const parts = stored.split('$');
    const truncated = [...parts.slice(0, 5), parts[5].slice(0, 20)].join('$');
    await expect(verifyPassword('correct horse battery staple', truncated)).resolves.toBe(false);
  });

  it.each([
    ['an empty string', ''],
    ['plain text', 'correct horse battery staple'],
    ['another scheme', 'bcrypt$2b$10$abcdefghijklmnopqrstuv'],
    ['the scheme alone', 'scrypt'],
    ['empty fields', 'scrypt$$$$$'],
    ['no hash part', 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA'],
  ])('returns false for %s, without throwing', async (_what, malformed) => {
    await expect(verifyPassword('correct horse battery staple', malformed)).resolves.toBe(false);
  });
});

describe('password hasher: stored hashes that are not ours', () => {
  it.each([
    ['a cost that is not a number', 'abc'],
    ['a cost that is not a power of two', '1000'],
    ['a cost beyond what we would ever use', String(1 << 30)],
  ])('answers false, without throwing, for %s', async (_label, n) => {
    const stored = await hashPassword('kimberley-demo');
    const parts = stored.split('$');
    parts[1] = n;
    await expect(verifyPassword('kimberley-demo', parts.join('$'))).resolves.toBe(false);
  });
});
