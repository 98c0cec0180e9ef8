import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventBus } from '@kp/kernel';
import { VERIFICATION } from '../verification.constants';
import { BorderReferenceData } from './border-reference-data';

/** What the read model is made of: everything here comes from events, and can come again. */
const DERIVED_TABLES = ['certificate_view', 'measure_view', 'signing_key_view', 'flag', 'projection_state'];

/**
 * Drops the border's read model and rebuilds it by replaying the topics from the
 * beginning. The record of verifications performed is history, not derived, and stays.
 * While it runs, answers come from a partial model: run it in a quiet moment.
 */
@Injectable()
export class RebuildReadModelHandler {
  private readonly logger = new Logger(RebuildReadModelHandler.name);

  constructor(
    @InjectDataSource(VERIFICATION) private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly reference: BorderReferenceData,
  ) {}

  async execute(): Promise<{ rebuiltAt: string; certificates: number }> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`TRUNCATE ${DERIVED_TABLES.map((t) => `"${VERIFICATION}".${t}`).join(', ')}`);
      await tx.query(`DELETE FROM "${VERIFICATION}".inbox WHERE consumer = $1`, [VERIFICATION]);
    });
    this.logger.warn('read model dropped; replaying the topics');
    await this.bus.replay(VERIFICATION);
    await this.reference.refresh();
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM "${VERIFICATION}".certificate_view`);
    return { rebuiltAt: new Date().toISOString(), certificates: n };
  }
}
