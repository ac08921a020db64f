import * as fs from 'node:fs';
import * as path from 'node:path';
import { msg, translate } from '../common/i18n/catalog';
import type { CliCommand } from '../cli/cli-command';
import { projectPath } from '../config/paths';
import { runPendingMigrations } from '../database/migrate';
import { DEMO_ACCOUNTS, loadDemoData } from './demo-data';
import { generatePassword } from '../users/users.commands';

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

export const demoSetupCommand: CliCommand = {
  name: 'demo:setup',
  usage: 'demo:setup',
  description: 'Migrate, load regions, the five seed plans and the demo accounts (idempotent).',
  async run(_args, ctx) {
    const runtime = await ctx.runtime();
    const applied = await runPendingMigrations(runtime.env.DATABASE_URL!);
    if (applied.length) ctx.out(`migrated: ${applied.join(', ')}`);
    const app = await ctx.app();
    const password = demoPassword();
    await loadDemoData(app, { password, log: (line) => ctx.out(line) });

    const url = runtime.env.PUBLIC_URL;
    ctx.out('');
    ctx.out(translate('zh-CN', msg('common.demo.ready', { url, docs: `${url}/api/docs` })));
    ctx.out(translate('zh-CN', msg('common.demo.password', { password })));
    for (const a of DEMO_ACCOUNTS) ctx.out(`  ${a.role.padEnd(10)} ${a.email.padEnd(32)} ${a.name}`);
    ctx.out(
      `sign in: curl -X POST ${url}/api/auth/login -H 'content-type: application/json' ` +
        `-d '{"email":"jyj@yinchuan.duban.local","password":"${password}"}'`,
    );
    ctx.out(
      `to see the large-class ledger close (销号): upload config/indicators/example-2024 at ${url}/import`,
    );
    ctx.out(`  or: npm run cli -- indicators:import config/indicators/example-2024 --now`);
    ctx.out('');
    return 0;
  },
};
