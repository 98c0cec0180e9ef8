import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ParticipantRegistered } from '@kp/contracts';
import { DEFAULT_VALIDITY_DAYS, EU, EU_MEMBER_STATES, KP_PARTICIPANT_CODES, participantName } from '@kp/domain';
import { hashPassword, KpConfig, OutboxWriter } from '@kp/kernel';
import { ParticipantOrmEntity } from '../infrastructure/participant.orm-entity';
import { UserOrmEntity } from '../infrastructure/user.orm-entity';
import { DEMO_PASSWORD, DEMO_USERS, UserSeed } from './demo-users';
import { PARTICIPANTS } from '../participants.constants';
import { HISTORICAL_MEASURES } from './historical-measures';
import { AuthoritiesHandler } from './authorities.handler';
import { MeasuresHandler } from './measures.handler';

/**
 * Brings the registry's reference data in at first start (and adds what a later
 * release adds), announcing each new participant; then the users: the demo set with
 * KP_DEMO, or a first administrator.
 */
@Injectable()
export class RegistrySeeder implements OnModuleInit {
  private readonly logger = new Logger(RegistrySeeder.name);

  constructor(
    @InjectDataSource(PARTICIPANTS) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly config: KpConfig,
    private readonly measures: MeasuresHandler,
    private readonly authorities: AuthoritiesHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('kp-participants-seed'))`);
      await this.seedParticipants(tx);
      const measures = await this.measures.seedHistory(tx, HISTORICAL_MEASURES);
      if (measures) this.logger.log(`recorded ${measures} historical measures`);
      await this.seedUsers(tx);
    });
  }

  private async seedParticipants(tx: EntityManager): Promise<void> {
    const repo = tx.getRepository(ParticipantOrmEntity);
    const existing = new Set((await repo.find({ select: { code: true } })).map((p) => p.code));
    const added: string[] = [];
    for (const code of KP_PARTICIPANT_CODES) {
      if (existing.has(code)) continue;
      const participant = repo.create({
        code,
        name: participantName(code),
        kind: code === EU ? 'REIO' : 'STATE',
        status: 'ACTIVE',
        members: code === EU ? [...EU_MEMBER_STATES] : null,
        certificateValidityDays: DEFAULT_VALIDITY_DAYS,
      });
      await repo.insert(participant);
      await this.outbox.append(tx, ParticipantRegistered, code, {
        code,
        name: participant.name,
        kind: participant.kind,
        status: participant.status,
        ...(participant.members ? { members: participant.members } : {}),
        certificateValidityDays: participant.certificateValidityDays,
      });
      added.push(code);
    }
    if (added.length) this.logger.log(`registered ${added.length} participants`);
    await this.authorities.seedMissing(tx);
  }

  private async seedUsers(tx: EntityManager): Promise<void> {
    const repo = tx.getRepository(UserOrmEntity);
    if (this.config.KP_DEMO) {
      const existing = new Set((await repo.find({ select: { username: true } })).map((u) => u.username));
      const missing = DEMO_USERS.filter((u) => !existing.has(u.username));
      await Promise.all(missing.map((u) => this.insertUser(tx, u, DEMO_PASSWORD)));
      if (missing.length) this.logger.log(`demo mode: ${missing.length} demo users, password "${DEMO_PASSWORD}"`);
      return;
    }
    if ((await repo.count()) > 0) return;
    const password = this.config.KP_ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
    await this.insertUser(tx, { username: 'admin', roles: ['admin'], participant: null }, password);
    if (this.config.KP_ADMIN_PASSWORD) this.logger.log('first start: created user "admin" with KP_ADMIN_PASSWORD');
    else this.logger.warn(`first start: created user "admin" with the password ${password} (shown once; change it)`);
  }

  private async insertUser(tx: EntityManager, seed: UserSeed, password: string): Promise<void> {
    await tx.getRepository(UserOrmEntity).insert({
      username: seed.username,
      roles: seed.roles,
      participant: seed.participant,
      passwordHash: await hashPassword(password),
    });
  }
}
