import { Injectable } from '@nestjs/common';
import { createPrivateKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { SigningKeyPublished } from '@kp/contracts';
import { OutboxWriter } from '@kp/kernel';
import { KeyWrapper } from '../infrastructure/key-wrapper';
import { SigningKeyOrmEntity } from '../infrastructure/signing-key.orm-entity';

export interface ActiveSigningKey {
  kid: string;
  privateKey: KeyObject;
}

/**
 * Each participant's Ed25519 key: created when the participant is first known, used to
 * sign every certificate it issues, its public half published for the JWKS.
 */
@Injectable()
export class SigningKeys {
  // Unwrapping costs a decryption; a key never changes once written.
  private readonly unwrapped = new Map<string, KeyObject>();

  constructor(
    private readonly wrapper: KeyWrapper,
    private readonly outbox: OutboxWriter,
  ) {}

  /** The participant's active key, created (and published) in this transaction if it has none. */
  async activeKey(tx: EntityManager, participant: string): Promise<ActiveSigningKey> {
    const repo = tx.getRepository(SigningKeyOrmEntity);
    let key = await repo.findOneBy({ participant, status: 'ACTIVE' });
    if (!key) {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`kp-signing-key:${participant}`]);
      key = (await repo.findOneBy({ participant, status: 'ACTIVE' })) ?? (await this.create(tx, participant));
    }
    return { kid: key.kid, privateKey: await this.privateKey(key) };
  }

  /**
   * Retires the participant's active key (it stays published, with its end, so the
   * certificates it signed still check) and makes a new one that signs from now on.
   */
  async rotate(tx: EntityManager, participant: string): Promise<{ retired: string | null; active: string }> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`kp-signing-key:${participant}`]);
    const repo = tx.getRepository(SigningKeyOrmEntity);
    const current = await repo.findOneBy({ participant, status: 'ACTIVE' });
    if (current) {
      current.status = 'RETIRED';
      current.validTo = new Date();
      await repo.save(current);
      await this.outbox.append(tx, SigningKeyPublished, participant, {
        participant,
        kid: current.kid,
        x: current.x,
        status: 'RETIRED',
        validFrom: current.validFrom.toISOString(),
        validTo: current.validTo.toISOString(),
      });
    }
    const next = await this.create(tx, participant);
    return { retired: current?.kid ?? null, active: next.kid };
  }

  private async create(tx: EntityManager, participant: string): Promise<SigningKeyOrmEntity> {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const now = new Date();
    const kid = `${participant}-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
    const x = publicKey.export({ format: 'jwk' }).x!;
    const key = tx.getRepository(SigningKeyOrmEntity).create({
      kid,
      participant,
      x,
      wrappedPrivateKey: await this.wrapper.wrap(privateKey.export({ format: 'der', type: 'pkcs8' })),
      status: 'ACTIVE',
      validFrom: now,
      validTo: null,
    });
    await tx.getRepository(SigningKeyOrmEntity).insert(key);
    this.unwrapped.set(kid, privateKey);
    await this.outbox.append(tx, SigningKeyPublished, participant, {
      participant,
      kid,
      x,
      status: 'ACTIVE',
      validFrom: now.toISOString(),
    });
    return key;
  }

  private async privateKey(key: SigningKeyOrmEntity): Promise<KeyObject> {
    let privateKey = this.unwrapped.get(key.kid);
    if (!privateKey) {
      privateKey = createPrivateKey({ key: await this.wrapper.unwrap(key.wrappedPrivateKey), format: 'der', type: 'pkcs8' });
      this.unwrapped.set(key.kid, privateKey);
    }
    return privateKey;
  }
}
