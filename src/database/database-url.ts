import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';
import { projectPath } from '../config/paths';
import * as path from 'node:path';

/**
 * `DATABASE_URL` when set; otherwise the embedded PostgreSQL under `.data/` so a newcomer needs nothing
 * installed. Sets `process.env.DATABASE_URL` so everything after (Nest config, TypeORM) sees one value.
 */
export async function resolveDatabase(
  log: (line: string) => void = () => undefined,
): Promise<EmbeddedDatabase> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, stop: async () => undefined };
  const dirSetting = process.env.EMBEDDED_PG_DIR || '.data/postgres';
  const dir = path.isAbsolute(dirSetting) ? dirSetting : projectPath(dirSetting);
  const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
  const db = await startEmbeddedPostgres({ dir, port, log });
  process.env.DATABASE_URL = db.url;
  return db;
}
