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
  private lastEventAt: Date | null = null;
  private lastEventIso: string | null = null; // formatted once a refresh, not once an answer
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

  asOf(): Date | null {
    return this.lastEventAt;
  }

  /** `asOf()` as ISO 8601, or null. */
  asOfIso(): string | null {
    return this.lastEventIso;
  }

  async refresh(): Promise<void> {
    try {
      const [measures, state] = await Promise.all([
        this.dataSource.getRepository(MeasureViewOrmEntity).find(),
        this.dataSource.getRepository(ProjectionStateOrmEntity).findOneBy({ projection: READ_MODEL }),
      ]);
      this.measures = measures;
      this.lastEventAt = state?.lastEventAt ?? null;
      this.lastEventIso = this.lastEventAt?.toISOString() ?? null;
    } catch (error) {
      if (this.dataSource.isInitialized) this.logger.warn(`could not refresh measures: ${(error as Error).message}`);
    }
  }
}
