import { detectEvidenceType } from './content-type.policy';

const bytes = (...b: number[]) => Buffer.from([...b, ...Array<number>(16).fill(0x41)]);

describe('detectEvidenceType', () => {
  it.each([
    ['a.pdf', Buffer.from('%PDF-1.7\n...'), 'application/pdf'],
    ['photo.JPG', bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    ['p.png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'image/png'],
    [
      'r.docx',
      bytes(0x50, 0x4b, 0x03, 0x04),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      't.xlsx',
      bytes(0x50, 0x4b, 0x03, 0x04),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['e.ofd', bytes(0x50, 0x4b, 0x03, 0x04), 'application/ofd'],
    ['a.zip', bytes(0x50, 0x4b, 0x03, 0x04), 'application/zip'],
    ['old.doc', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'application/msword'],
    ['old.xls', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'application/vnd.ms-excel'],
    ['说明.txt', Buffer.from('已完成。\r\n第二行\n'), 'text/plain; charset=utf-8'],
  ])('%s is %s', (name, data, contentType) => {
    expect(detectEvidenceType(data, name)?.contentType).toBe(contentType);
  });

  it.each([
    ['a program renamed .pdf', 'report.pdf', bytes(0x4d, 0x5a, 0x90, 0x00)],
    ['an ELF binary renamed .txt', 'notes.txt', bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01)],
    ['an OLE file that is not doc/xls', 'a.msi', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)],
    ['text without .txt', 'a.html', Buffer.from('<script>alert(1)</script>')],
    ['an empty file', 'a.txt', Buffer.alloc(0)],
  ])('refuses %s', (_what, name, data) => {
    expect(detectEvidenceType(data, name)).toBeNull();
  });
});
