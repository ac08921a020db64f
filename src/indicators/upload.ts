import * as path from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';
import type { ImportFile } from './indicator-import.service';

export interface UploadedForm {
  files: ImportFile[];
  fields: Record<string, string>;
}

/** 20 MB, or 4 KB for a limit under a megabyte. */
const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`
    : `${Number((bytes / 1024).toFixed(1))} KB`;

/**
 * Reads a multipart upload into memory (each file at most `maxBytes`, as @fastify/multipart enforces),
 * turning its limit errors into 413s that say which file and what the limit is.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<UploadedForm> {
  if (!request.isMultipart()) {
    throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA, msg('indicators.upload.not_multipart'));
  }
  const files: ImportFile[] = [];
  const fields: Record<string, string> = {};
  let current = '';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const file: MultipartFile = part;
        current = path.basename(file.filename);
        files.push({ name: current, data: await file.toBuffer() });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new DomainError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        msg('indicators.upload.too_large', { file: current, limit: sizeText(maxBytes) }),
        { file: current, maxBytes },
      );
    }
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, msg('indicators.upload.too_many'));
    }
    throw error;
  }
  if (files.length === 0) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('indicators.upload.none'), {
      issues: [],
      issueCount: 0,
    });
  }
  return { files, fields };
}
