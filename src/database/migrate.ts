import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database.options';

/** Applies pending migrations in their own connection; returns the names applied. */
export async function runPendingMigrations(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

export async function revertLastMigration(url: string): Promise<void> {
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
  await ds.initialize();
  try {
    await ds.undoLastMigration({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}
