import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
// scrypt is memory-hard: N=2^15, r=8 needs 32 MiB per hash, which is what makes
// guessing expensive on GPUs.
const COST = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Stored form: `scrypt$N$r$p$salt$hash`, so the cost can rise later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong password and for a stored hash that is not one of ours; never throws. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const N = Number(n);
  const cost = { N, r: Number(r), p: Number(p), maxmem: COST.maxmem };
  const sane =
    scheme === 'scrypt' &&
    Number.isInteger(N) && N >= 2 && N <= 1 << 20 && (N & (N - 1)) === 0 &&
    [cost.r, cost.p].every((v) => Number.isInteger(v) && v >= 1 && v <= 16);
  if (!sane || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  try {
    const key = await derive(password, Buffer.from(salt, 'base64url'), cost);
    return key.length === expected.length && timingSafeEqual(key, expected);
  } catch {
    return false;
  }
}
