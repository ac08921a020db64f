import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database/database.options';
import { ENTITIES } from './entities';

/**
 * Entry for the TypeORM CLI (`npm run migration:*`). Without DATABASE_URL it starts the embedded PostgreSQL
 * first, the same way the app does.
 */
export default (async () => {
  const { resolveDatabase } = await import('./database/database-url');
  const db = await resolveDatabase();
  return new DataSource(dataSourceOptions(db.url, { entities: ENTITIES }));
})();
