import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Wraps private signing keys for storage. The local implementation uses AES-256-GCM
 * under the configured key-encryption key; a KMS or HSM can take its place.
 */
export abstract class KeyWrapper {
  abstract wrap(plaintext: Buffer): Promise<string>;
  abstract unwrap(wrapped: string): Promise<Buffer>;
}

export class LocalKeyWrapper extends KeyWrapper {
  private readonly kek: Buffer;

  constructor(keyEncryptionKeyBase64: string) {
    super();
    this.kek = Buffer.from(keyEncryptionKeyBase64, 'base64');
    if (this.kek.length !== 32) throw new Error('the key-encryption key must be 32 bytes');
  }

  async wrap(plaintext: Buffer): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.kek, iv);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  async unwrap(wrapped: string): Promise<Buffer> {
    const [version, iv, tag, body] = wrapped.split('.');
    if (version !== 'v1') throw new Error(`unknown key wrapping ${version}`);
    const decipher = createDecipheriv('aes-256-gcm', this.kek, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  }
}
