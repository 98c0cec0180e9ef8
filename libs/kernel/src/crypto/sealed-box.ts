import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption for small secrets at rest (AES-256-GCM, random IV, full
 * 16-byte tag): `v1.<iv>.<tag>.<ciphertext>`, base64url. Each use derives its own key
 * from the configured key-encryption key, so a key for one purpose opens nothing else.
 */
export class SealedBox {
  private readonly key: Buffer;

  constructor(keyEncryptionKeyBase64: string, purpose?: string) {
    const kek = Buffer.from(keyEncryptionKeyBase64, 'base64');
    if (kek.length !== 32) throw new Error('the key-encryption key must be 32 bytes');
    this.key = purpose ? Buffer.from(hkdfSync('sha256', kek, Buffer.alloc(0), `kp:${purpose}`, 32)) : kek;
  }

  seal(plaintext: Buffer): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string): Buffer {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1') throw new Error(`unknown sealing ${version}`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  }
}
