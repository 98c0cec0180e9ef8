import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SERVICES, startStandalone, StandalonePlatform } from './support/harness';

/** The migrations are reversible and build exactly the schema the entities describe. */
describe('schema: migrations match the entities', () => {
  let platform: StandalonePlatform;

  beforeAll(async () => {
    platform = await startStandalone();
  });

  afterAll(() => platform?.close());

  it.each(SERVICES)('%s migrations go down to nothing and up again', async (service) => {
    const dataSource = platform.app.get<DataSource>(getDataSourceToken(service), { strict: false });
    const applied = dataSource.migrations.length;
    for (let i = 0; i < applied; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'migrations'`, [service]);
    expect(tables[0].n).toBe(0);
    const again = await dataSource.runMigrations({ transaction: 'each' });
    expect(again).toHaveLength(applied);
  });

  it.each(SERVICES)('%s has no pending schema change', async (service) => {
    const dataSource = platform.app.get<DataSource>(getDataSourceToken(service), { strict: false });
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
