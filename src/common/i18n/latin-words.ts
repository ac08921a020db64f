/**
 * Latin words in a text meant for a Simplified Chinese reader: what is left after URLs, mail addresses, file
 * names, 文号, units and the allowed names are taken out. A page or mail in zh-CN must have none — a raw code
 * (`special_education`, `NO_ISSUE_DATE`) or an English half of a bilingual string is a defect the reader sees.
 */
export const LATIN_ALLOWED = new Set(
  [
    // the product's own name, and the language switch's label for the English reader
    'Duban',
    'English',
    // file formats and units officials write in Latin
    'XLSX',
    'CSV',
    'PDF',
    'DOCX',
    'YAML',
    'Excel',
    'Word',
    // text encodings, as Excel's save dialog names them ("CSV UTF-8") and as older exports are written
    'UTF',
    'GBK',
    'KB',
    'MB',
    'GB',
    'km',
    'cm',
    'kg',
    // the standards and systems named in the official documents
    'GB',
    'T',
    'ID',
  ].map((w) => w.toLowerCase()),
);

const STRIP: RegExp[] = [
  /\bhttps?:\/\/\S+/gi, // URLs
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, // mail addresses
  /[^\s<>"'（）()]*\.(?:xlsx|csv|pdf|docx?|txt|png|jpe?g|json|yaml|yml)\b/gi, // file names (Chinese ones too)
  /\b[A-Z]\d+(?:\.\d+)*\b/g, // indicator numbers as printed in the official evaluation (B1, G5)
  /\bm²|\bm2\b/g,
];

export function latinWords(text: string, allowed: ReadonlySet<string> = LATIN_ALLOWED): string[] {
  let rest = text;
  for (const pattern of STRIP) rest = rest.replace(pattern, ' ');
  const words = rest.match(/[A-Za-z][A-Za-z_]*[A-Za-z]|[A-Za-z]/g) ?? [];
  return [...new Set(words.filter((w) => w.length > 1 && !allowed.has(w.toLowerCase())))];
}
