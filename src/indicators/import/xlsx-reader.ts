/** Reads the sheets of an XLSX workbook as rows of cell texts, so XLSX and CSV share one validation path. */
import { Worker } from 'node:worker_threads';
import type { CellValue } from 'exceljs';
import { type Message, msg, translate } from '../../common/i18n/catalog';

export interface SheetRows {
  name: string;
  /** Non-empty rows in order, with their spreadsheet row numbers. */
  rows: { row: number; cells: string[] }[];
}

/** A cell as the text a statistician would see (dates as YYYY-MM-DD, formulas by their result). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return value.error;
  // Formula (plain or shared): its cached result.
  return value.result === undefined ? '' : cellText(value.result);
}

/**
 * What one workbook may hold. exceljs inflates and parses the whole workbook at once, on the event loop: a
 * 559 KB upload of 30,000 rows × 500 cells inflates to hundreds of MB and stalled the API for 23 s. Refused
 * before parsing by the sizes its zip directory declares; parsed in a worker thread, stopped by rows, cells,
 * time and heap.
 */
export const XLSX_LIMITS = {
  /** sum of the declared uncompressed sizes of the workbook's parts */
  uncompressedBytes: 64 * 1024 * 1024,
  /** non-empty rows over all sheets */
  rows: 200_000,
  /** cells over all sheets */
  cells: 4_000_000,
  /** wall-clock seconds the parse may take */
  seconds: 30,
  /** heap of the parsing worker */
  heapMb: 1024,
};

/** A workbook over one of XLSX_LIMITS: `text` names the limit, for people. */
export class XlsxLimitError extends Error {
  constructor(readonly text: Message) {
    super(translate('en', text));
  }
}

/**
 * The uncompressed size the zip's central directory declares for all its entries, read without inflating
 * anything (pure). ZIP64 entries count as unbounded.
 * @throws Error when the bytes are not a zip
 */
export function declaredUncompressedBytes(zip: Buffer): number {
  const EOCD = 0x06054b50;
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip archive (no end of central directory)');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new Error('damaged zip directory');
    const size = zip.readUInt32LE(at + 24);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

/**
 * The parse, in a worker thread: inflating and parsing never holds the API's event loop, the worker has its own
 * heap limit, and it is ended when it takes longer than the limit. Written as plain JavaScript (evaluated, with
 * exceljs resolved here) so it runs alike from ts-node, jest and the build.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Workbook } = require(workerData.exceljs);
const cellText = ${cellText.toString()};
(async () => {
  const { data, limits } = workerData;
  const workbook = new Workbook();
  await workbook.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  let rowCount = 0;
  let cellCount = 0;
  const sheets = [];
  for (const sheet of workbook.worksheets) {
    const rows = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = Array.isArray(row.values) ? row.values : [];
      if (++rowCount > limits.rows) throw { limit: { key: 'indicators.xlsx.rows', params: { rows: limits.rows } } };
      cellCount += values.length;
      if (cellCount > limits.cells)
        throw { limit: { key: 'indicators.xlsx.cells', params: { cells: limits.cells } } };
      const cells = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
      rows.push({ row: rowNumber, cells });
    });
    sheets.push({ name: sheet.name, rows });
  }
  parentPort.postMessage({ sheets });
})().catch((e) => parentPort.postMessage(e && e.limit ? { limit: e.limit } : { error: String((e && e.message) || e) }));
`;

function parseInWorker(data: Buffer, limits: typeof XLSX_LIMITS): Promise<SheetRows[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { data: new Uint8Array(data), limits, exceljs: require.resolve('exceljs') },
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() => reject(new XlsxLimitError(msg('indicators.xlsx.seconds', { seconds: limits.seconds })))),
      limits.seconds * 1000,
    );
    worker.once('message', (message: { sheets?: SheetRows[]; limit?: Message; error?: string }) =>
      settle(() => {
        if (message.sheets) resolve(message.sheets);
        else if (message.limit) reject(new XlsxLimitError(message.limit));
        else reject(new Error(message.error ?? 'unreadable workbook'));
      }),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new XlsxLimitError(msg('indicators.xlsx.memory', { mb: limits.heapMb }))
            : error,
        ),
      ),
    );
  });
}

/** @throws XlsxLimitError when the workbook is over XLSX_LIMITS; Error when it is not a workbook */
export async function readXlsxSheets(data: Buffer, limits = XLSX_LIMITS): Promise<SheetRows[]> {
  const inflated = declaredUncompressedBytes(data);
  if (inflated > limits.uncompressedBytes) {
    const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(0);
    throw new XlsxLimitError(
      msg('indicators.xlsx.unpacked', {
        limit: mb(limits.uncompressedBytes),
        size: Number.isFinite(inflated) ? mb(inflated) : '>4096',
      }),
    );
  }
  return parseInWorker(data, limits);
}
