import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/database.options';
import { ENTITIES } from '../../src/entities';
import { MIGRATIONS } from '../../src/database/migrations';
import { createEmptyDatabase, type TestDatabase } from '../support/database';

async function tables(ds: DataSource): Promise<string[]> {
  const rows: Array<{ table_name: string }> = await ds.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((r) => r.table_name);
}

describe('migrations on a real PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createEmptyDatabase();
    ds = new DataSource(dataSourceOptions(db.url, { poolSize: 2, entities: ENTITIES }));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('apply in order, revert one by one to nothing, and apply again', async () => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((M) => new M().name ?? M.name));
    expect(await tables(ds)).toEqual(expect.arrayContaining(['users', 'sessions', 'migrations']));
    expect(await ds.showMigrations()).toBe(false);

    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables(ds)).toEqual(['migrations']);
    const types: Array<{ typname: string }> = await ds.query(
      "SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'",
    );
    expect(types).toEqual([]);

    const again = await ds.runMigrations({ transaction: 'each' });
    expect(again).toHaveLength(MIGRATIONS.length);
  });

  it('leave no difference between the entities and the schema', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
