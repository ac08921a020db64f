/**
 * Why a document could not be read as a plan. Every error carries a stable code, a Chinese message for the
 * people who upload plans and an English one for logs; `message` holds both.
 */
export const EXTRACTION_ERROR_CODES = [
  'EMPTY_DOCUMENT',
  'BINARY_FILE',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'DOCX_UNREADABLE',
  'NO_STRUCTURE',
] as const;
export type ExtractionErrorCode = (typeof EXTRACTION_ERROR_CODES)[number];

export class ExtractionError extends Error {
  constructor(
    readonly code: ExtractionErrorCode,
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(`${messageZh} (${code}: ${messageEn})`);
    this.name = 'ExtractionError';
  }
}

/** The largest file accepted: plans are text; 20 MB is far beyond any real one. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
