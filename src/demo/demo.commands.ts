import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliCommand } from '../cli/cli-command';
import { projectPath } from '../config/paths';
import { runPendingMigrations } from '../database/migrate';
import { Role } from '../users/role.enum';
import { generatePassword } from '../users/users.commands';
import { UsersService } from '../users/users.service';

interface DemoCredentials {
  password: string;
}

/** One generated password for every demo account, kept under .data/ so a second `npm run demo` prints it again. */
function demoPassword(): string {
  const file = projectPath('.data', 'demo-credentials.json');
  if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as DemoCredentials).password;
  const password = generatePassword();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ password } satisfies DemoCredentials, null, 2), { mode: 0o600 });
  return password;
}

export const DEMO_ACCOUNTS: Array<{ email: string; name: string; role: Role }> = [
  { email: 'admin@duban.local', name: '系统管理员', role: Role.Admin },
];

export const demoSetupCommand: CliCommand = {
  name: 'demo:setup',
  usage: 'demo:setup',
  description: 'Migrate, load the seed plans and demo data, create the demo accounts (idempotent).',
  async run(_args, ctx) {
    const runtime = await ctx.runtime();
    const applied = await runPendingMigrations(runtime.env.DATABASE_URL!);
    if (applied.length) ctx.out(`migrated: ${applied.join(', ')}`);
    const app = await ctx.app();
    const users = app.get(UsersService);
    const password = demoPassword();
    const existing = new Set((await users.list()).map((u) => u.email));
    for (const account of DEMO_ACCOUNTS) {
      if (!existing.has(account.email)) await users.create({ ...account, password });
    }
    const url = runtime.env.PUBLIC_URL;
    ctx.out('');
    ctx.out(`督办 Duban 演示环境 / demo — ${url}  (API docs: ${url}/api/docs)`);
    ctx.out(`所有演示账号的密码 / password of every demo account: ${password}`);
    for (const a of DEMO_ACCOUNTS) ctx.out(`  ${a.role.padEnd(10)} ${a.email.padEnd(36)} ${a.name}`);
    ctx.out(
      `sign in: curl -X POST ${url}/api/auth/login -H 'content-type: application/json' -d '{"email":"admin@duban.local","password":"${password}"}'`,
    );
    ctx.out('');
    return 0;
  },
};
