#!/usr/bin/env node
/**
 * `npm run demo`: installs what is missing, migrates, loads the five seed plans and the demo data, then starts
 * the app. Without DATABASE_URL it uses the embedded PostgreSQL under .data/; mail goes to the local sink.
 * Plain JavaScript, so it runs before `npm install` has installed TypeScript.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');

const root = path.resolve(__dirname, '..');
const say = (line) => process.stdout.write(`[demo] ${line}\n`);

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1500, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function onPath(binary) {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

async function main() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    say(`Node ${process.versions.node} is too old: Duban needs Node ≥ 20.19.`);
    process.exit(1);
  }

  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (!fs.existsSync(installed) || fs.statSync(lock).mtimeMs > fs.statSync(installed).mtimeMs) {
    // `npm install` rather than `npm ci`: see .ci/run (the lock cannot list binaries the registry lacks).
    say('installing dependencies (npm install)…');
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  }

  const redis = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
  if (!(await reachable(redis.hostname, Number(redis.port || 6379)))) {
    const local = ['127.0.0.1', 'localhost'].includes(redis.hostname);
    if (local && onPath('redis-server')) {
      say('Redis is not running: starting a local one (no persistence)');
      run('redis-server', [
        '--daemonize',
        'yes',
        '--bind',
        '127.0.0.1',
        '--port',
        String(redis.port || 6379),
        '--save',
        '',
        '--appendonly',
        'no',
      ]);
    } else {
      say(`Redis is not reachable at ${redis.href}. Install and start it, e.g.`);
      say('  sudo apt-get install redis-server');
      say('  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no');
      say('or set REDIS_URL to a running Redis.');
      process.exit(1);
    }
  }

  const tsNode = ['-r', 'ts-node/register/transpile-only'];
  run(process.execPath, [...tsNode, 'src/cli.ts', 'demo:setup']);

  say('starting Duban (Ctrl-C to stop)…');
  const app = spawn(process.execPath, [...tsNode, 'src/main.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
  app.on('exit', (code) => process.exit(code ?? 0));
  void announceWhenListening();
}

/** Once the app answers, the essentials once more, so the start-up lines do not hide them. */
async function announceWhenListening() {
  const port = Number(process.env.PORT || 3000);
  const url = process.env.PUBLIC_URL || `http://localhost:${port}`;
  for (let i = 0; i < 240; i++) {
    if (
      await reachable(
        process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : '127.0.0.1',
        port,
      )
    ) {
      const credentials = path.join(root, '.data', 'demo-credentials.json');
      const password = fs.existsSync(credentials)
        ? JSON.parse(fs.readFileSync(credentials, 'utf8')).password
        : '…';
      say(`督办 Duban 已启动 / ready: ${url}  — 演示账号见上 / accounts above, 密码 / password: ${password}`);
      return;
    }
    await sleep(500);
  }
}

main().catch((error) => {
  say(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
