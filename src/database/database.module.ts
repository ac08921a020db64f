import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Env } from '../config/env.schema';
import { dataSourceOptions } from './database.options';

/** The connection; the composition root (app.module) hands in every module's entities. */
@Module({})
export class DatabaseModule {
  static forRoot(entities: NonNullable<Parameters<typeof dataSourceOptions>[1]>['entities']): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Env, true>) => {
            const url = config.get('DATABASE_URL', { infer: true });
            // main.ts / cli.ts resolve the embedded database before Nest starts; reaching here without a URL is a bug.
            if (!url) throw new Error('DATABASE_URL is not set: start through main.ts or cli.ts');
            return {
              ...dataSourceOptions(url, {
                poolSize: config.get('DATABASE_POOL_SIZE', { infer: true }),
                entities,
              }),
              autoLoadEntities: true,
              retryAttempts: 3,
              retryDelay: 1000,
            };
          },
        }),
      ],
    };
  }
}
