import { CsvParser, CsvSyntaxError, NotUtf8Error, parseCsvBytes, parseCsvText } from './csv-parser';

function records(text: string): [string[], number][] {
  const out: [string[], number][] = [];
  parseCsvText(text, (fields, row) => out.push([fields, row]));
  return out;
}

describe('CSV parser', () => {
  it('splits plain lines, LF or CRLF, with or without a final line break', () => {
    expect(records('a,b\r\n1,2\r\n')).toEqual([
      [['a', 'b'], 1],
      [['1', '2'], 2],
    ]);
    expect(records('a,b\n1,2')).toEqual([
      [['a', 'b'], 1],
      [['1', '2'], 2],
    ]);
  });

  it('keeps empty fields', () => {
    expect(records('a,,c,\n')).toEqual([[['a', '', 'c', ''], 1]]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(records('name,note\n"灵武市第一小学","有""大班额"",\n需整改"\nx,y\n')).toEqual([
      [['name', 'note'], 1],
      [['灵武市第一小学', '有"大班额",\n需整改'], 2],
      [['x', 'y'], 3],
    ]);
  });

  it('strips a byte-order mark', () => {
    expect(records('\uFEFF学校标识码,学生数\n1,2\n')[0][0]).toEqual(['学校标识码', '学生数']);
  });

  it('counts blank lines as rows, as a spreadsheet would, without emitting them', () => {
    expect(records('h\n\n1\n').map(([, row]) => row)).toEqual([1, 3]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = 'a,b,c\n"x, ""y""",2,3\r\n"multi\nline",5,6\nlast,8,9';
    const whole = records(text);
    for (const size of [1, 2, 3, 7]) {
      const out: [string[], number][] = [];
      const parser = new CsvParser((fields, row) => out.push([fields, row]));
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      parser.end();
      expect(out).toEqual(whole);
    }
  });

  it('reports a quote that is never closed, with its row', () => {
    expect(() => records('a,b\n"open,2\n3,4\n')).toThrow(CsvSyntaxError);
    try {
      records('a,b\n"open,2\n3,4\n');
    } catch (error) {
      expect((error as CsvSyntaxError).row).toBe(2);
    }
  });

  it('refuses bytes that are not UTF-8 (a GBK export) instead of garbling them', () => {
    const gbk = Buffer.from([0xc1, 0xe9, 0xce, 0xe4, 0x0a]); // 灵武 in GBK
    expect(() => parseCsvBytes(gbk, () => undefined)).toThrow(NotUtf8Error);
    const utf8: string[][] = [];
    parseCsvBytes(Buffer.from('\uFEFF学校\n', 'utf8'), (f) => utf8.push(f));
    expect(utf8).toEqual([['学校']]);
  });
});
