/**
 * Turns what an office uploads or pastes into plain text: `.txt` (UTF-8, UTF-16 with BOM, or GB18030 as many
 * government sites still serve), `.docx` (mammoth, raw text), a saved web page (tags removed) or pasted text.
 * Refuses, with a clear message, what is not a text document: empty input, images, PDFs and other binaries,
 * files over 20 MB, legacy `.doc` and other zip-based formats.
 */
import { type MessageKey, msg } from '../common/i18n/catalog';
import { ExtractionError, MAX_DOCUMENT_BYTES } from './extraction.error';

export type DocumentFormat = 'text' | 'txt' | 'docx' | 'html';

export interface DecodedDocument {
  text: string;
  format: DocumentFormat;
  /** the character encoding a byte file was read with */
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

export interface DocumentInput {
  text?: string;
  buffer?: Buffer;
  fileName?: string;
}

interface Magic {
  bytes: number[];
  kind: MessageKey;
}

/**
 * Signatures of files people upload by mistake (scans, photos, PDFs, archives). Formats whose signature is
 * short or printable (BMP, executables, RIFF) are caught by the NUL-byte check instead.
 */
const BINARY_MAGIC: Magic[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'extraction.kind.png' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'extraction.kind.jpeg' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'extraction.kind.gif' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], kind: 'extraction.kind.tiff' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], kind: 'extraction.kind.tiff' },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: 'extraction.kind.pdf' },
  { bytes: [0x1f, 0x8b], kind: 'extraction.kind.gzip' },
  { bytes: [0x52, 0x61, 0x72, 0x21], kind: 'extraction.kind.rar' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], kind: 'extraction.kind.7z' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'extraction.kind.executable' },
];

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (buffer: Buffer, bytes: number[], offset = 0) =>
  buffer.length >= offset + bytes.length && bytes.every((b, i) => buffer[offset + i] === b);

const emptyError = () => new ExtractionError('EMPTY_DOCUMENT', msg('extraction.error.empty'));

/** Decodes text bytes: BOM first, then strict UTF-8, then GB18030 (what most Chinese government sites serve). */
function decodeTextBytes(buffer: Buffer): Pick<DecodedDocument, 'text' | 'encoding'> {
  if (startsWith(buffer, [0xef, 0xbb, 0xbf]))
    return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (startsWith(buffer, [0xff, 0xfe]))
    return { text: new TextDecoder('utf-16le').decode(buffer.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(buffer, [0xfe, 0xff]))
    return { text: new TextDecoder('utf-16be').decode(buffer.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(buffer), encoding: 'gb18030' };
  }
}

/** A NUL byte in the first 8 KB of a file without a UTF-16 BOM means it is not text. */
function looksBinary(buffer: Buffer): boolean {
  if (startsWith(buffer, [0xff, 0xfe]) || startsWith(buffer, [0xfe, 0xff])) return false;
  return buffer.subarray(0, 8192).includes(0);
}

const HTML_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  mdash: '—',
  hellip: '…',
  middot: '·',
};

/** A saved web page → its text: scripts and styles dropped, block elements become line breaks. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|noscript|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|li|tr|h[1-6]|section|article|table|ul|ol|dd|dt|blockquote)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
      if (body[0] === '#') {
        const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
        return Number.isFinite(code) ? String.fromCodePoint(code) : entity;
      }
      return HTML_ENTITIES[body.toLowerCase()] ?? entity;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

const looksLikeHtml = (text: string) => /^\s*(<!doctype html|<html|<body|<div|<p[\s>])/i.test(text);

function checkText(text: string): void {
  if (text.replace(/\s+/g, '') === '') throw emptyError();
  // Text with control characters all over it is a binary file that happened to decode.
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x08 || (code >= 0x0e && code <= 0x1f) || code === 0xfffd) controls++;
  }
  if (controls > 16 && controls / text.length > 0.01) {
    throw new ExtractionError('BINARY_FILE', msg('extraction.error.binary'));
  }
}

async function decodeDocx(buffer: Buffer): Promise<string> {
  const mammoth = await import('mammoth');
  try {
    const result = await mammoth.extractRawText({ buffer });
    return result.value;
  } catch (error) {
    throw new ExtractionError(
      'DOCX_UNREADABLE',
      msg('extraction.error.docx_unreadable'),
      error instanceof Error ? error.message : String(error),
    );
  }
}

/** Reads the input into text, or throws an `ExtractionError` saying why it cannot be read. */
export async function decodeDocument(input: DocumentInput): Promise<DecodedDocument> {
  if (input.buffer === undefined) {
    const text = input.text ?? '';
    if (Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES) throw tooLarge(Buffer.byteLength(text, 'utf8'));
    if (text.includes('\u0000')) throw binary('extraction.kind.nul');
    checkText(text);
    if (looksLikeHtml(text)) return { text: htmlToText(text), format: 'html' };
    return { text, format: 'text' };
  }

  const buffer = input.buffer;
  const name = (input.fileName ?? '').toLowerCase();
  if (buffer.length > MAX_DOCUMENT_BYTES) throw tooLarge(buffer.length);
  if (buffer.length === 0) throw emptyError();

  if (startsWith(buffer, ZIP)) {
    // A .docx is a zip holding word/document.xml; the name appears uncompressed in the zip's directory.
    if (name.endsWith('.docx') || buffer.includes('word/document.xml')) {
      const text = await decodeDocx(buffer);
      checkText(text);
      return { text, format: 'docx' };
    }
    throw new ExtractionError('UNSUPPORTED_FORMAT', msg('extraction.error.zip_not_docx'));
  }
  if (startsWith(buffer, OLE)) {
    throw new ExtractionError('UNSUPPORTED_FORMAT', msg('extraction.error.legacy_doc'));
  }
  const magic = BINARY_MAGIC.find((m) => startsWith(buffer, m.bytes));
  if (magic) throw binary(magic.kind);
  if (looksBinary(buffer)) throw binary('extraction.kind.binary');

  const decoded = decodeTextBytes(buffer);
  checkText(decoded.text);
  if (name.endsWith('.html') || name.endsWith('.htm') || looksLikeHtml(decoded.text)) {
    return { text: htmlToText(decoded.text), format: 'html', encoding: decoded.encoding };
  }
  return { ...decoded, format: 'txt' };
}

function tooLarge(bytes: number): ExtractionError {
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return new ExtractionError('FILE_TOO_LARGE', msg('extraction.error.too_large', { size: mb }));
}

function binary(kind: MessageKey): ExtractionError {
  return new ExtractionError('BINARY_FILE', msg('extraction.error.binary_kind', { kind: msg(kind) }));
}
