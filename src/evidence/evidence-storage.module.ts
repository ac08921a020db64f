import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.schema';
import { EvidenceStorage } from './evidence-storage';
import { LocalEvidenceStorage } from './local-evidence-storage';
import { S3EvidenceStorage } from './s3-evidence-storage';

/** EvidenceStorage by STORAGE_DRIVER: local disk under STORAGE_DIR (default) or an S3-compatible store. */
export function evidenceStorageFromEnv(env: Env): EvidenceStorage {
  if (env.STORAGE_DRIVER === 's3') {
    return new S3EvidenceStorage({
      endpoint: env.S3_ENDPOINT!,
      bucket: env.S3_BUCKET!,
      accessKeyId: env.S3_ACCESS_KEY!,
      secretAccessKey: env.S3_SECRET_KEY!,
      region: env.S3_REGION,
    });
  }
  return new LocalEvidenceStorage(env.STORAGE_DIR);
}

@Module({
  providers: [
    {
      provide: EvidenceStorage,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) =>
        evidenceStorageFromEnv({
          STORAGE_DRIVER: config.get('STORAGE_DRIVER', { infer: true }),
          STORAGE_DIR: config.get('STORAGE_DIR', { infer: true }),
          S3_ENDPOINT: config.get('S3_ENDPOINT', { infer: true }),
          S3_BUCKET: config.get('S3_BUCKET', { infer: true }),
          S3_ACCESS_KEY: config.get('S3_ACCESS_KEY', { infer: true }),
          S3_SECRET_KEY: config.get('S3_SECRET_KEY', { infer: true }),
          S3_REGION: config.get('S3_REGION', { infer: true }),
        } as Env),
    },
  ],
  exports: [EvidenceStorage],
})
export class EvidenceStorageModule {}
