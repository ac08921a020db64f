import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { createHttpApp } from './app.factory';
import { runPendingMigrations } from './database/migrate';
import { runsApi } from './queue/process-role';
import { prepareRuntime } from './runtime/runtime';

/**
 * One build, three process roles (DUBAN_ROLE): `api` serves HTTP, `worker` runs BullMQ processors and
 * schedulers, `all` (default) does both. Scale out by running several of each on one PostgreSQL and Redis.
 */
async function main(): Promise<void> {
  const runtime = await prepareRuntime({ startMailSink: true });
  const { env } = runtime;
  // The embedded database is a development convenience: keep it migrated. Production migrates explicitly.
  if (!process.env.DATABASE_URL || env.NODE_ENV === 'development')
    await runPendingMigrations(env.DATABASE_URL!);

  const app = runsApi(env.DUBAN_ROLE)
    ? await createHttpApp(env)
    : await NestFactory.createApplicationContext(AppModule.register(env), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);

  // A library promise that fails with nobody waiting (e.g. BullMQ closing a connection that never reached
  // Redis) is logged; it must not take the whole server down.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: stopping`);
    const force = setTimeout(() => process.exit(1), 20_000).unref();
    await app.close();
    await runtime.stop();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (runsApi(env.DUBAN_ROLE)) {
    await (app as NestFastifyApplication).listen(env.PORT, env.HOST);
    logger.log(
      `Duban (${env.DUBAN_ROLE}) listening on http://${env.HOST}:${env.PORT} — API docs at /api/docs`,
    );
  } else {
    await app.init();
    logger.log('Duban worker started');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Duban failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
