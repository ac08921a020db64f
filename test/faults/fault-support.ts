import { type ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { isListening } from '../../src/common/listening';

const ROOT = path.join(__dirname, '..', '..');

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function withoutFaketime(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')),
  );
}

/**
 * A Redis of the test's own (never the machine's shared one): a real `redis-server` on a free port, keeping
 * nothing on disk — so stopping and starting it is "Redis restarted without its data".
 */
export class OwnRedis {
  private child: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    if (this.child) return;
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      // redis-server does not run under libfaketime (the suite's two-years-ahead run); its clock is no business
      // date, so it gets the real one.
      { stdio: 'ignore', env: withoutFaketime(process.env) },
    );
    try {
      await until(() => isListening(this.port, '127.0.0.1'), `redis-server on ${this.port}`, 10_000);
    } catch (error) {
      await this.down();
      throw error;
    }
  }

  /** SIGKILL: the data in memory is gone with it. */
  async down(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child) return;
    child.kill('SIGKILL');
    await exited(child);
  }
}

/** A worker as production runs it (`src/worker.ts`, its own process), from the sources through swc. */
export class WorkerProcess {
  private output = '';
  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (c: Buffer) => (this.output = (this.output + c.toString()).slice(-20_000)));
    child.stderr?.on('data', (c: Buffer) => (this.output = (this.output + c.toString()).slice(-20_000)));
  }

  static start(env: Record<string, string>): WorkerProcess {
    const child = spawn(
      process.execPath,
      ['-r', path.join(ROOT, 'test/support/swc-register.js'), path.join(ROOT, 'src/worker.ts')],
      {
        cwd: ROOT,
        // The parent's environment (faketime's variables included: the suite also runs two years ahead).
        env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return new WorkerProcess(child);
  }

  get log(): string {
    return this.output;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.child.kill(signal);
    await exited(this.child);
  }
}
