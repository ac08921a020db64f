import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { LogFn, Logger } from 'pino';
import { PlanEventsModule } from './plans/plan-events';
import { AccessModule } from './access/access.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { ClockModule } from './common/clock';
import type { Env } from './config/env.schema';
import { DatabaseModule } from './database/database.module';
import { ENTITIES } from './entities';
import { DepartmentsModule } from './departments/departments.module';
import { PlanDraftsModule } from './extraction/plan-drafts.module';
import { HealthModule } from './health/health.module';
import { IndicatorsJobsModule } from './indicators/indicators-jobs.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { MailModule } from './mail/mail.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { MailJobsModule } from './notifications/mail-jobs.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PlansModule } from './plans/plans.module';
import { PlansJobsModule } from './plans/plans-jobs.module';
import { SupervisionModule } from './supervision/supervision.module';
import { QueueModule } from './queue/queue.module';
import { runsWorker } from './queue/process-role';
import { RedisModule } from './redis/redis.module';
import { RegionsModule } from './regions/regions.module';
import { DevClockModule } from './reminders/dev-clock.module';
import { RemindersJobsModule } from './reminders/reminders-jobs.module';
import { RemindersModule } from './reminders/reminders.module';
import { UsersModule } from './users/users.module';

/** pino-pretty is a development dependency: it is named only when NODE_ENV=development. */
const DEVELOPMENT_LOG_TRANSPORT = {
  target: 'pino-pretty',
  options: { singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,context,req,res' },
};

/** Nest's start-up chatter: one line per module and per route, which buries what a person needs to read. */
const STARTUP_CONTEXTS = new Set(['RoutesResolver', 'RouterExplorer', 'InstanceLoader']);
const INFO = 30;

function startupNoiseToDebug(this: Logger, args: Parameters<LogFn>, method: LogFn, level: number): void {
  const first = args[0] as { context?: unknown } | undefined;
  if (level === INFO && typeof first?.context === 'string' && STARTUP_CONTEXTS.has(first.context)) {
    this.debug(...(args as [object, string]));
    return;
  }
  method.apply(this, args);
}

/**
 * The whole application for one process role. The environment is validated before (main.ts, cli.ts, tests)
 * and handed in whole, so a test can boot an app with its own database and Redis prefix.
 */
@Module({})
export class AppModule {
  static register(env: Env): DynamicModule {
    const worker = runsWorker(env.DUBAN_ROLE);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: () => env, cache: true }),
        LoggerModule.forRoot({
          // nestjs-pino's default route is `*`, which Nest 11 (path-to-regexp v8) only auto-converts, with a
          // warning at every start; a named wildcard is the same route in the syntax it wants.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: env.LOG_LEVEL,
            // Development reads logs in a terminal (one coloured line each); production keeps JSON for collectors.
            transport: env.NODE_ENV === 'development' ? DEVELOPMENT_LOG_TRANSPORT : undefined,
            hooks: { logMethod: startupNoiseToDebug },
            // The id Fastify gave the request (from X-Request-Id or new), so logs and error bodies agree.
            genReqId: (req) => (req as { id?: string }).id ?? 'unknown',
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            serializers: {
              req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
                remoteAddress: req.remoteAddress,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            customProps: (req) => ({ userId: (req as { user?: { id: string } }).user?.id }),
          },
        }),
        DatabaseModule.forRoot(ENTITIES),
        ClockModule,
        PlanEventsModule,
        RedisModule,
        QueueModule,
        MailModule.register({ devMailbox: env.NODE_ENV === 'development' }),
        UsersModule,
        AuthModule,
        HealthModule,
        AuditModule,
        RegionsModule,
        AccessModule.forRoot({ organisation: [RegionsModule, DepartmentsModule] }),
        DepartmentsModule,
        PlansModule,
        SupervisionModule,
        PlanDraftsModule,
        PlansJobsModule.register({ worker }),
        MaintenanceModule.register({ worker }),
        CalendarModule,
        NotificationsModule,
        MailJobsModule.register({ worker }),
        RemindersModule,
        RemindersJobsModule.register({ worker }),
        ...(env.NODE_ENV === 'development' ? [DevClockModule] : []),
        IndicatorsModule,
        IndicatorsJobsModule.register({ worker }),
      ],
    };
  }
}
