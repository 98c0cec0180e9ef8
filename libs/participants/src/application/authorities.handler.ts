import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AUTHORITY_KINDS, AuthorityKind, AuthorityUpdated } from '@kp/contracts';
import { invalid, notFound, OutboxWriter } from '@kp/kernel';
import { UpdateAuthorityRequestDto } from '../api/authority.request.dto';
import { AuthorityOrmEntity } from '../infrastructure/authority.orm-entity';
import { ParticipantOrmEntity } from '../infrastructure/participant.orm-entity';
import { PARTICIPANTS } from '../participants.constants';

export function authorityView(a: AuthorityOrmEntity) {
  return {
    kind: a.kind,
    name: a.name,
    email: a.email,
    phone: a.phone,
    address: a.address,
    notificationEndpoint: a.notificationEndpoint,
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** Each participant's exporting and importing authority; their changes are announced for those who notify them. */
@Injectable()
export class AuthoritiesHandler {
  constructor(
    @InjectDataSource(PARTICIPANTS) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Every participant gets both authorities, named after it until the secretariat records the real ones. */
  async seedMissing(tx: EntityManager): Promise<void> {
    const missing: { code: string; name: string; kind: AuthorityKind }[] = await tx.query(
      `SELECT p.code, p.name, k.kind FROM "${PARTICIPANTS}".participant p
         CROSS JOIN unnest($1::text[]) AS k(kind)
        WHERE NOT EXISTS (SELECT 1 FROM "${PARTICIPANTS}".authority a WHERE a.participant = p.code AND a.kind = k.kind)
        ORDER BY p.code, k.kind`,
      [AUTHORITY_KINDS],
    );
    for (const { code, name, kind } of missing) {
      await this.save(tx, code, kind, {
        name: `${name}: Kimberley Process ${kind === 'EXPORTING' ? 'exporting' : 'importing'} authority`,
      });
    }
  }

  async update(code: string, kind: string, request: UpdateAuthorityRequestDto) {
    if (!(AUTHORITY_KINDS as readonly string[]).includes(kind)) {
      throw invalid('UNKNOWN_AUTHORITY_KIND', `${kind} is not an authority kind (EXPORTING or IMPORTING).`, {
        errors: [{ field: 'kind', message: 'kind must be EXPORTING or IMPORTING' }],
      });
    }
    if (!(await this.dataSource.getRepository(ParticipantOrmEntity).existsBy({ code }))) {
      throw notFound('PARTICIPANT_NOT_FOUND', `${code} is not a Kimberley Process participant.`);
    }
    return this.dataSource.transaction(async (tx) => authorityView(await this.save(tx, code, kind as AuthorityKind, request)));
  }

  private async save(tx: EntityManager, participant: string, kind: AuthorityKind, a: UpdateAuthorityRequestDto): Promise<AuthorityOrmEntity> {
    const repo = tx.getRepository(AuthorityOrmEntity);
    await repo.upsert(
      {
        participant,
        kind,
        name: a.name,
        email: a.email ?? null,
        phone: a.phone ?? null,
        address: a.address ?? null,
        notificationEndpoint: a.notificationEndpoint ?? null,
      },
      ['participant', 'kind'],
    );
    await this.outbox.append(tx, AuthorityUpdated, participant, {
      participant,
      kind,
      name: a.name,
      ...(a.email ? { email: a.email } : {}),
      ...(a.phone ? { phone: a.phone } : {}),
      ...(a.address ? { address: a.address } : {}),
      ...(a.notificationEndpoint ? { notificationEndpoint: a.notificationEndpoint } : {}),
    });
    return repo.findOneByOrFail({ participant, kind });
  }
}
