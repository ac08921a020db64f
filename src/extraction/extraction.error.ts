import { type Message, translate } from '../common/i18n/catalog';

/**
 * Why a document could not be read as a plan. Every error carries a stable code and a message for the people
 * who upload plans (`text`, rendered in the reader's language); `message` is the English text for logs, with
 * the technical cause when there is one.
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
    readonly text: Message,
    cause?: string,
  ) {
    super(`${code}: ${translate('en', text)}${cause ? ` (${cause})` : ''}`);
    this.name = 'ExtractionError';
  }
}

/** The largest file accepted: plans are text; 20 MB is far beyond any real one. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
