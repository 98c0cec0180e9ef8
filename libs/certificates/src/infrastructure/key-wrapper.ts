import { SealedBox } from '@kp/kernel';

/**
 * Wraps private signing keys for storage. The local implementation seals them
 * (AES-256-GCM) under the configured key-encryption key; a KMS or HSM can take its place.
 */
export abstract class KeyWrapper {
  abstract wrap(plaintext: Buffer): Promise<string>;
  abstract unwrap(wrapped: string): Promise<Buffer>;
}

export class LocalKeyWrapper extends KeyWrapper {
  private readonly box: SealedBox;

  constructor(keyEncryptionKeyBase64: string) {
    super();
    // No purpose-derived key: keys wrapped before SealedBox existed used the KEK directly.
    this.box = new SealedBox(keyEncryptionKeyBase64);
  }

  async wrap(plaintext: Buffer): Promise<string> {
    return this.box.seal(plaintext);
  }

  async unwrap(wrapped: string): Promise<Buffer> {
    return this.box.open(wrapped);
  }
}
