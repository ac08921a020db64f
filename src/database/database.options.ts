import type { DataSourceOptions } from 'typeorm';
import type { EntitySchema, MixedList } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

type Entities = MixedList<string | (new () => unknown) | EntitySchema>;

/**
 * The one definition of the connection, used by Nest (`DatabaseModule`), the migration CLI and tests. The
 * entity list comes from the composition root (src/entities.ts): the database layer knows no domain module.
 * Migrations alone need none.
 */
export function dataSourceOptions(
  url: string,
  options: { poolSize?: number; entities?: Entities } = {},
): DataSourceOptions {
  const { poolSize = 10, entities = [] } = options;
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL ≥ 13: no extension to install, no superuser needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: poolSize, application_name: 'duban' },
  };
}
