import { Module } from '@nestjs/common';
import { EvidenceFilesService } from './evidence-files.service';
import { EvidenceStorageModule } from './evidence-storage.module';

/** Evidence attachments: storage driver, type checks, staged writes. */
@Module({
  imports: [EvidenceStorageModule],
  providers: [EvidenceFilesService],
  exports: [EvidenceFilesService],
})
export class EvidenceModule {}
