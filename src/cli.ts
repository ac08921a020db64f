import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import type { CliCommand, CliContext } from './cli/cli-command';
import { revertLastMigration, runPendingMigrations } from './database/migrate';
import { demoSetupCommand } from './demo/demo.commands';
import { extractionCommands } from './extraction/extraction.commands';
import { indicatorCommands } from './indicators/indicators.commands';
import { indicatorsImportCommand } from './indicators/indicators-import.command';
import { certifyPlanCommand } from './indicators/planning/certify-plan.command';
import { plansImportCommand } from './plans/plans.commands';
import { regionsImportCommand } from './regions/regions.commands';
import { usersCreateCommand } from './users/users.commands';
import { prepareRuntime, type Runtime } from './runtime/runtime';

const dbMigrate: CliCommand = {
  name: 'db:migrate',
  usage: 'db:migrate',
  description: 'Apply pending migrations (embedded PostgreSQL when DATABASE_URL is unset).',
  async run(_args, ctx) {
    const runtime = await ctx.runtime();
    const applied = await runPendingMigrations(runtime.env.DATABASE_URL!);
    ctx.out(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    return 0;
  },
};

const dbRevert: CliCommand = {
  name: 'db:revert',
  usage: 'db:revert',
  description: 'Revert the most recent migration.',
  async run(_args, ctx) {
    const runtime = await ctx.runtime();
    await revertLastMigration(runtime.env.DATABASE_URL!);
    ctx.out('reverted the last migration');
    return 0;
  },
};

const COMMANDS: CliCommand[] = [
  dbMigrate,
  dbRevert,
  usersCreateCommand,
  regionsImportCommand,
  plansImportCommand,
  demoSetupCommand,
  ...indicatorCommands,
  indicatorsImportCommand,
  certifyPlanCommand,
  ...extractionCommands,
];

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const lines = COMMANDS.map((c) => `  ${c.usage.padEnd(70)} ${c.description}`);
    process.stderr.write(
      `${name ? `unknown command "${name}"\n` : ''}usage: npm run cli -- <command> [options]\n${lines.join('\n')}\n`,
    );
    return name ? 2 : 0;
  }
  let runtime: Runtime | null = null;
  let app: INestApplicationContext | null = null;
  const ctx: CliContext = {
    runtime: async () => (runtime ??= await prepareRuntime({ startMailSink: false })),
    app: async () => {
      if (!app) {
        const { env } = await ctx.runtime();
        // The CLI never runs processors: it must not steal jobs from the workers.
        app = await NestFactory.createApplicationContext(
          AppModule.register({ ...env, DUBAN_ROLE: 'api', LOG_LEVEL: 'warn' }),
          {
            logger: ['error', 'warn'],
          },
        );
      }
      return app;
    },
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  };
  try {
    return await command.run(args, ctx);
  } catch (error) {
    ctx.err(`${command.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    const openedApp = app as INestApplicationContext | null;
    if (openedApp) await openedApp.close();
    const openedRuntime = runtime as Runtime | null;
    if (openedRuntime) await openedRuntime.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
