/**
 * Streaming CSV parser (RFC 4180: comma separated, `"` quoted, `""` escaped, quoted fields may hold commas
 * and line breaks; CRLF or LF). Text is pushed in chunks of any size and each record is handed over as soon
 * as it is complete, so a 3.5-million-row classes file never sits in memory as one string.
 *
 * Lines without a quote take a fast path (`split(',')`), which is nearly every line of a statistics export.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';

/** `row` is the spreadsheet row: 1 for the header, counting blank lines, one per record. */
export type RecordHandler = (fields: string[], row: number) => void;

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Fields of an unquoted line s[start, end): twice as fast as `slice().split(',')`, which copies the line first. */
function splitFields(s: string, start: number, end: number): string[] {
  const fields: string[] = [];
  let from = start;
  for (;;) {
    const comma = s.indexOf(',', from);
    if (comma === -1 || comma >= end) {
      fields.push(s.slice(from, end));
      return fields;
    }
    fields.push(s.slice(from, comma));
    from = comma + 1;
  }
}

/** Parses one quoted record from `start`; null when the text ends before the record does. */
function parseQuotedRecord(s: string, start: number): { fields: string[]; next: number } | null {
  const fields: string[] = [];
  let i = start;
  const n = s.length;
  for (;;) {
    let field: string;
    if (i < n && s.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = s.indexOf('"', from);
        // The closing quote must be followed by something before we can tell `""` from `"`.
        if (q === -1 || q + 1 >= n) return null;
        if (s.charCodeAt(q + 1) === QUOTE) {
          value += s.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += s.slice(from, q);
        i = q + 1;
        break;
      }
      // Lenient: text between the closing quote and the separator is kept.
      let j = i;
      while (j < n && s.charCodeAt(j) !== COMMA && s.charCodeAt(j) !== LF) j++;
      if (j >= n) return null;
      let tail = s.slice(i, j);
      if (tail.endsWith('\r')) tail = tail.slice(0, -1);
      field = value + tail;
      i = j;
    } else {
      let j = i;
      while (j < n && s.charCodeAt(j) !== COMMA && s.charCodeAt(j) !== LF) j++;
      if (j >= n) return null;
      field = s.slice(i, j);
      if (s.charCodeAt(j) === LF && field.endsWith('\r')) field = field.slice(0, -1);
      i = j;
    }
    fields.push(field);
    if (s.charCodeAt(i) === LF) return { fields, next: i + 1 };
    i++; // past the comma
  }
}

export class CsvParser {
  private carry = '';
  private row = 0;
  private started = false;

  constructor(private readonly onRecord: RecordHandler) {}

  push(chunk: string): void {
    let s = this.carry.length === 0 ? chunk : this.carry + chunk;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const n = s.length;
    let start = 0;
    let quote = s.indexOf('"');
    while (start < n) {
      const nl = s.indexOf('\n', start);
      if (nl === -1) break;
      if (quote !== -1 && quote < start) quote = s.indexOf('"', start);
      if (quote === -1 || quote > nl) {
        this.row++;
        let end = nl;
        if (end > start && s.charCodeAt(end - 1) === CR) end--;
        if (end > start) this.onRecord(splitFields(s, start, end), this.row);
        start = nl + 1;
        continue;
      }
      const record = parseQuotedRecord(s, start);
      if (record === null) break;
      this.row++;
      this.onRecord(record.fields, this.row);
      start = record.next;
    }
    this.carry = start === 0 ? s : s.slice(start);
  }

  /** Flushes a last record without a line break; throws CsvSyntaxError on an unterminated quote. */
  end(): void {
    if (this.carry.length === 0) return;
    this.push('\n');
    if (this.carry.length > 0) {
      throw new CsvSyntaxError(`row ${this.row + 1}: a quoted field is never closed`, this.row + 1);
    }
  }
}

/** Parses in-memory CSV text (an upload, a test). */
export function parseCsvText(text: string, onRecord: RecordHandler): void {
  const parser = new CsvParser(onRecord);
  parser.push(text);
  parser.end();
}

export class NotUtf8Error extends Error {
  constructor() {
    super('is not UTF-8 text: save it as "CSV UTF-8 (逗号分隔)" (Excel) or convert it from GBK');
    this.name = 'NotUtf8Error';
  }
}

/** Decodes UTF-8 (BOM or not) strictly: a GBK export must fail loudly, not turn into mojibake. */
export function decodeUtf8(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw new NotUtf8Error();
  }
}

/**
 * Streams a CSV file through the parser in 1 MiB chunks and returns its SHA-256 (of the bytes read, so the
 * checksum costs no second pass).
 */
export async function readCsvFile(
  file: string,
  onRecord: RecordHandler,
): Promise<{ sha256: string; bytes: number }> {
  const parser = new CsvParser(onRecord);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
    parser.push(decodeUtf8(decoder, buffer, true));
  }
  parser.push(decodeUtf8(decoder, new Uint8Array(0), false));
  parser.end();
  return { sha256: hash.digest('hex'), bytes };
}

/** The same for bytes already in memory (an uploaded file). */
export function parseCsvBytes(data: Uint8Array, onRecord: RecordHandler): void {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parser = new CsvParser(onRecord);
  parser.push(decodeUtf8(decoder, data, false));
  parser.end();
}

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
