/**
 * What an evidence attachment really is, from its first bytes (pure). The client's content type and the file
 * name are not trusted: a program renamed `.pdf` is refused. ZIP-based formats (docx, xlsx, ofd, zip) and the
 * OLE compound formats (doc, xls) share a signature, so the extension chooses among the members of the family
 * the bytes belong to.
 */

export interface DetectedType {
  extension: string;
  contentType: string;
}

const PDF = { extension: 'pdf', contentType: 'application/pdf' };
const PNG = { extension: 'png', contentType: 'image/png' };
const JPG = { extension: 'jpg', contentType: 'image/jpeg' };
const TXT = { extension: 'txt', contentType: 'text/plain; charset=utf-8' };

const ZIP_FAMILY: Record<string, string> = {
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ofd: 'application/ofd',
};
const OLE_FAMILY: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
};

/** The allowed extensions, for messages. */
export const ALLOWED_EXTENSIONS = ['pdf', 'jpg', 'png', 'docx', 'xlsx', 'doc', 'xls', 'txt', 'zip', 'ofd'];

const startsWith = (data: Buffer, bytes: number[]) =>
  data.length >= bytes.length && bytes.every((b, i) => data[i] === b);

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  return ext === 'jpeg' ? 'jpg' : ext;
}

/** Plain text: valid UTF-8 (or GB18030-looking bytes), no NUL and no control characters but tab and line ends. */
function isText(data: Buffer): boolean {
  const sample = data.subarray(0, 64 * 1024);
  for (const byte of sample) {
    if (byte === 0 || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c)) {
      return false;
    }
  }
  return true;
}

/** The detected type when the bytes are one of the allowed formats (and agree with the extension), else null. */
export function detectEvidenceType(data: Buffer, fileName: string): DetectedType | null {
  const ext = extensionOf(fileName);
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(data, [0xff, 0xd8, 0xff])) return JPG;
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) || startsWith(data, [0x50, 0x4b, 0x05, 0x06])) {
    const contentType = ZIP_FAMILY[ext] ?? ZIP_FAMILY.zip;
    return { extension: ZIP_FAMILY[ext] ? ext : 'zip', contentType };
  }
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return OLE_FAMILY[ext] ? { extension: ext, contentType: OLE_FAMILY[ext] } : null;
  }
  if (ext === 'txt' && data.length > 0 && isText(data)) return TXT;
  return null;
}
