import { KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** RFC 9864's name for EdDSA over Ed25519; older JOSE libraries call it `EdDSA`. */
export const JWS_ALG = 'Ed25519';

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * Signs a payload as a compact JWS (RFC 7515) with Ed25519. The payload is serialised
 * canonically, so the same fields always give the same bytes.
 */
export function signCompactJws(payload: object, kid: string, privateKey: KeyObject): string {
  const header = b64url(JSON.stringify({ alg: JWS_ALG, kid, typ: 'kp-certificate+jws' }));
  const body = b64url(canonicalJson(payload));
  const signingInput = `${header}.${body}`;
  const signature = sign(null, Buffer.from(signingInput), privateKey);
  return `${signingInput}.${b64url(signature)}`;
}

export interface DecodedJws {
  header: { alg?: string; kid?: string; [k: string]: unknown };
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** Splits a compact JWS without trusting it. Returns null when it is not one. */
export function decodeCompactJws(jws: string): DecodedJws | null {
  const parts = jws.trim().split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null || typeof payload !== 'object' || payload === null) return null;
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return null;
  }
}

/** True when the JWS was signed by the private half of `publicKey` with an Ed25519 algorithm. */
export function verifyCompactJws(decoded: DecodedJws, publicKey: KeyObject): boolean {
  if (decoded.header.alg !== JWS_ALG && decoded.header.alg !== 'EdDSA') return false;
  return verify(null, Buffer.from(decoded.signingInput), publicKey, decoded.signature);
}
