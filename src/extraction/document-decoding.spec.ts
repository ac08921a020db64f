import { translate } from '../common/i18n/catalog';
import { latinWords } from '../common/i18n/latin-words';
import JSZip from 'jszip';
import { makeDocx } from '../../test/extraction/make-docx';
import { decodeDocument, htmlToText } from './document-decoding';
import { ExtractionError, MAX_DOCUMENT_BYTES } from './extraction.error';

async function failure(input: Parameters<typeof decodeDocument>[0]): Promise<ExtractionError> {
  try {
    await decodeDocument(input);
  } catch (error) {
    if (error instanceof ExtractionError) return error;
    throw error;
  }
  throw new Error('expected an ExtractionError');
}

describe('decodeDocument', () => {
  it('reads a .docx as raw text, one line per paragraph', async () => {
    const buffer = await makeDocx(['一、指导思想', '（一）坚持优先发展。']);
    const doc = await decodeDocument({ buffer, fileName: 'plan.docx' });
    expect(doc.format).toBe('docx');
    expect(doc.text.split('\n').filter(Boolean)).toEqual(['一、指导思想', '（一）坚持优先发展。']);
  });

  it('reads UTF-8, UTF-16 with BOM and GB18030 text files', async () => {
    const text = '一、工作目标\n到2020年全面达标。';
    expect((await decodeDocument({ buffer: Buffer.from(text, 'utf8') })).text).toBe(text);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await decodeDocument({ buffer: utf16 })).toMatchObject({ text, encoding: 'utf-16le' });
    // "一、工作目标" in GB18030
    const gb = Buffer.from([0xd2, 0xbb, 0xa1, 0xa2, 0xb9, 0xa4, 0xd7, 0xf7, 0xc4, 0xbf, 0xb1, 0xea]);
    expect(await decodeDocument({ buffer: gb, fileName: 'plan.txt' })).toMatchObject({
      text: '一、工作目标',
      encoding: 'gb18030',
    });
  });

  it('turns a saved web page into text', async () => {
    const html =
      '<html><head><style>p{}</style></head><body><div>一、目标</div><p>到2020年&nbsp;全面达标。</p><script>x()</script></body></html>';
    const doc = await decodeDocument({ buffer: Buffer.from(html), fileName: 'page.html' });
    expect(doc.format).toBe('html');
    expect(
      doc.text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    ).toEqual(['一、目标', '到2020年 全面达标。']);
    expect(htmlToText('<p>a&amp;b&#x4e00;</p>').trim()).toBe('a&b一');
  });

  it('accepts pasted text as it is', async () => {
    expect(await decodeDocument({ text: '一、目标' })).toEqual({ text: '一、目标', format: 'text' });
  });

  it.each([
    ['an empty file', { buffer: Buffer.alloc(0) }, 'EMPTY_DOCUMENT'],
    ['a file of blanks', { buffer: Buffer.from(' \n\t\u3000\n') }, 'EMPTY_DOCUMENT'],
    ['empty pasted text', { text: '   ' }, 'EMPTY_DOCUMENT'],
    [
      'a PNG image',
      { buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]), fileName: 'scan.png' },
      'BINARY_FILE',
    ],
    [
      'a JPEG photo renamed .txt',
      { buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), fileName: 'plan.txt' },
      'BINARY_FILE',
    ],
    ['a PDF', { buffer: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), fileName: 'plan.pdf' }, 'BINARY_FILE'],
    ['a binary with NUL bytes', { buffer: Buffer.from([0x41, 0x42, 0x00, 0x43, 0x00, 0x00]) }, 'BINARY_FILE'],
    [
      'a legacy .doc',
      { buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), fileName: 'plan.doc' },
      'UNSUPPORTED_FORMAT',
    ],
  ])('refuses %s with a clear message', async (_label, input, code) => {
    const error = await failure(input);
    expect(error.code).toBe(code);
    const zh = translate('zh-CN', error.text);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(latinWords(zh)).toEqual([]);
    expect(translate('en', error.text)).toMatch(/[a-z]/);
  });

  it('refuses a file over 20 MB', async () => {
    const error = await failure({ buffer: Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x61) });
    expect(error.code).toBe('FILE_TOO_LARGE');
    expect(translate('zh-CN', error.text)).toContain('上限为 20 MB');
  });

  it('refuses a zip that is not a Word document, and a damaged .docx', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    const xlsx = await zip.generateAsync({ type: 'nodebuffer' });
    expect((await failure({ buffer: xlsx, fileName: 'table.xlsx' })).code).toBe('UNSUPPORTED_FORMAT');
    const damaged = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not really a zip')]);
    expect((await failure({ buffer: damaged, fileName: 'plan.docx' })).code).toBe('DOCX_UNREADABLE');
  });
});
