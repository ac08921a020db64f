import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DomainError, ErrorCode } from '../common/domain-error';
import { ALLOWED_EXTENSIONS, detectEvidenceType } from './content-type.policy';
import { EvidenceStorage } from './evidence-storage';
import type { UploadedFile } from './upload';
import { msg } from '../common/i18n/catalog';

/** A checked file written under a temporary key, waiting for its database row. */
export interface StagedFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  tempKey: string;
  /** Where it goes once its row is written. */
  finalKey: string;
}

/**
 * Evidence attachments: checks (type by magic bytes), hashes and stages them, then moves them to their final
 * key inside the caller's transaction; anything left over after a failure is deleted.
 */
@Injectable()
export class EvidenceFilesService {
  private readonly logger = new Logger(EvidenceFilesService.name);

  constructor(private readonly storage: EvidenceStorage) {}

  /**
   * Checks every file first (nothing is written when one is refused), then writes each under a temporary key.
   * @throws DomainError UNSUPPORTED_MEDIA (415) for a file whose bytes are not an allowed format
   */
  async stage(files: readonly UploadedFile[], keyPrefix: string): Promise<StagedFile[]> {
    const checked = files.map((file) => {
      const type = detectEvidenceType(file.data, file.name);
      if (!type) {
        throw new DomainError(
          ErrorCode.UNSUPPORTED_MEDIA,
          msg('evidence.file_type_refused', { file: file.name, allowed: ALLOWED_EXTENSIONS.join('、') }),
          { file: file.name, allowed: ALLOWED_EXTENSIONS },
        );
      }
      const id = randomUUID();
      return {
        file,
        staged: {
          id,
          fileName: file.name.slice(0, 255),
          contentType: type.contentType,
          sizeBytes: file.data.length,
          sha256: createHash('sha256').update(file.data).digest('hex'),
          tempKey: `tmp/${randomUUID()}`,
          finalKey: `${keyPrefix}/${id}.${type.extension}`,
        } satisfies StagedFile,
      };
    });
    const written: StagedFile[] = [];
    try {
      for (const { file, staged } of checked) {
        await this.storage.put(file.data, { key: staged.tempKey, contentType: staged.contentType });
        written.push(staged);
      }
    } catch (error) {
      await this.discard(written);
      throw error;
    }
    return written;
  }

  /** Moves staged files to their final keys: the last step inside the transaction that writes their rows. */
  async commit(staged: readonly StagedFile[]): Promise<void> {
    for (const file of staged) await this.storage.move(file.tempKey, file.finalKey);
  }

  /** Deletes staged files under both keys (after a failed transaction); never throws. */
  async discard(staged: readonly StagedFile[]): Promise<void> {
    for (const file of staged) {
      for (const key of [file.tempKey, file.finalKey]) {
        await this.storage.delete(key).catch((error: Error) => {
          this.logger.error(`could not delete evidence object ${key}: ${error.message}`);
        });
      }
    }
  }

  open(key: string): Promise<Readable> {
    return this.storage.get(key);
  }
}
