import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.schema';
import { resolveAppSecret } from './app-secret';

/** The process's APP_SECRET (see resolveAppSecret). */
@Injectable()
export class AppSecret {
  readonly value: string;
  constructor(config: ConfigService<Env, true>) {
    this.value = resolveAppSecret({
      APP_SECRET: config.get('APP_SECRET', { infer: true }),
      NODE_ENV: config.get('NODE_ENV', { infer: true }),
    });
  }
}
