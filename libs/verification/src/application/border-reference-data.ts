import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Measure } from '@kp/domain';
import { READ_MODEL } from '../api/verification.consumer';
import { MeasureViewOrmEntity } from '../infrastructure/measure-view.orm-entity';
import { ProjectionStateOrmEntity } from '../infrastructure/projection-state.orm-entity';
import { VERIFICATION } from '../verification.constants';

const REFRESH_MS = 250;

/**
 * The small, slowly changing part of the read model that every answer needs (the
 * measures, and how fresh the model is), held in memory and refreshed every 250 ms from
 * the database, so the hot path reads one row per answer. Every instance refreshes on
 * its own, whichever instance's consumer wrote the change; a change shows within the
 * refresh interval.
 */
@Injectable()
export class BorderReferenceData implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(BorderReferenceData.name);
  private measures: Measure[] = [];
  private lastEventAt: string | null = null; // ISO 8601: formatted once a refresh, not once an answer
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource(VERIFICATION) private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  measuresFor(participants: readonly string[]): Measure[] {
    return this.measures.filter((m) => participants.includes(m.participant));
  }

  /** The newest event the read model has applied (ISO 8601), or null. */
  asOf(): string | null {
    return this.lastEventAt;
  }

  async refresh(): Promise<void> {
    try {
      const [measures, state] = await Promise.all([
        this.dataSource.getRepository(MeasureViewOrmEntity).find(),
        this.dataSource.getRepository(ProjectionStateOrmEntity).findOneBy({ projection: READ_MODEL }),
      ]);
      this.measures = measures;
      this.lastEventAt = state?.lastEventAt?.toISOString() ?? null;
    } catch (error) {
      if (this.dataSource.isInitialized) this.logger.warn(`could not refresh measures: ${(error as Error).message}`);
    }
  }
}
