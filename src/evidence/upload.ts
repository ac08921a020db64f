import * as path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../common/domain-error';
import { validationPipe } from '../common/validation';
import { msg } from '../common/i18n/catalog';

export interface UploadedFile {
  name: string;
  data: Buffer;
}

export interface UploadedForm {
  files: UploadedFile[];
  /** Repeated fields keep their last value. */
  fields: Record<string, string>;
}

const megabytes = (bytes: number) => Number((bytes / (1024 * 1024)).toFixed(2));

/**
 * Reads a multipart form (files into memory, each at most `maxBytes` as @fastify/multipart enforces) and turns
 * the plugin's limit errors into a 413 naming the file and the limit. Nothing is stored here.
 */
export async function readEvidenceUpload(request: FastifyRequest, maxBytes: number): Promise<UploadedForm> {
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  let current = '';
  try {
    for await (const part of request.parts({ defParamCharset: 'utf8' } as never)) {
      if (part.type === 'file') {
        current = path.basename(part.filename || 'file');
        const data = await part.toBuffer();
        files.push({ name: current, data });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new DomainError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        msg('evidence.file_too_large', { file: current, megabytes: megabytes(maxBytes), bytes: maxBytes }),
        { file: current, maxBytes },
      );
    }
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, msg('evidence.too_many_parts'));
    }
    throw error;
  }
  return { files, fields };
}

/**
 * An API body that is JSON, or multipart with the same fields plus `files`: the fields validated as `metatype`
 * (the global pipe does not see a multipart body), the files as read.
 */
export async function readBodyWithFiles<T extends object>(
  request: FastifyRequest,
  body: unknown,
  metatype: new () => T,
  maxBytes: number,
): Promise<{ dto: T; files: UploadedFile[] }> {
  let fields: unknown = body ?? {};
  let files: UploadedFile[] = [];
  if (request.isMultipart()) {
    const form = await readEvidenceUpload(request, maxBytes);
    fields = form.fields;
    files = form.files;
  }
  const dto = (await validationPipe.transform(fields, { type: 'body', metatype })) as T;
  return { dto, files };
}
