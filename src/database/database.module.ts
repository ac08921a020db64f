import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Env } from '../config/env.schema';
import { dataSourceOptions } from './database.options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => {
        const url = config.get('DATABASE_URL', { infer: true });
        // main.ts / cli.ts resolve the embedded database before Nest starts; reaching here without a URL is a bug.
        if (!url) throw new Error('DATABASE_URL is not set: start through main.ts or cli.ts');
        return {
          ...dataSourceOptions(url, config.get('DATABASE_POOL_SIZE', { infer: true })),
          autoLoadEntities: true,
          retryAttempts: 3,
          retryDelay: 1000,
        };
      },
    }),
  ],
})
export class DatabaseModule {}
