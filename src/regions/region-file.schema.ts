/**
 * Region files (`config/regions/*.yaml`) and the CSV division table (`code,name,level,parent_code`):
 * the administrative divisions plans, departments and indicator results are keyed on, by their official
 * 6-digit code (GB/T 2260). Pure: text in, checked records out; nothing is read from disk or the database.
 *
 * Every problem is reported at once, each naming where it is (`regions[4] (140726 太谷县).parent`,
 * `line 7 (140726).parent_code`),
 * so a hand-edited file can be fixed in one pass. See `config/regions/README.md` for the formats.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';

export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_FILE_SCHEMA = 'duban.regions/v1';

/** One division as the importer receives it; the same shape from YAML and from CSV. */
export interface RegionEntry {
  code: string;
  name: string;
  level: RegionLevel;
  /** Code of the enclosing division; null for a province-level division. */
  parent: string | null;
  /** Short forms the plans use for matching (克州, 银川); empty from CSV. */
  short_names: string[];
  /** The division this one became (撤县设区 and the like); the record keeps the code the plans use. */
  successor?: { code: string; name: string; since?: number };
}

export interface RegionFileIssue {
  /** Where: `regions[4] (140726 太谷县).parent` in YAML, `line 7 (140726).parent_code` in CSV, `(file)` for all. */
  path: string;
  message: string;
}

export class RegionFileInvalidError extends Error {
  constructor(readonly issues: RegionFileIssue[]) {
    super(
      `Invalid region file (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `  ${i.path}: ${i.message}`).join('\n'),
    );
    this.name = 'RegionFileInvalidError';
  }
}

export type RegionParseResult =
  { ok: true; regions: RegionEntry[] } | { ok: false; issues: RegionFileIssue[] };

export interface RegionParseOptions {
  /**
   * Divisions already in the database, so a file may hang counties under a city imported earlier.
   * A map gives each code's level; a plain list of codes has its levels read from the code's shape.
   */
  existing?: ReadonlyMap<string, RegionLevel> | Iterable<string>;
}

const CODE_RE = /^[1-9]\d{5}$/;

/** Level implied by a code's shape: `xx0000` province, `xxyy00` city, anything else county. */
export function levelOfCode(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

const RANK: Record<RegionLevel, number> = { province: 0, city: 1, county: 2 };
const PREFIX_LENGTH: Record<RegionLevel, number> = { province: 2, city: 4, county: 6 };

/** Accepts a quoted code, or an unquoted 6-digit YAML integer (converted), nothing else. */
const codeSchema = z.preprocess(
  (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 100000 && v <= 999999 ? String(v) : v),
  z.string({ invalid_type_error: 'a 6-digit code as a string, e.g. "140726"' }).regex(CODE_RE, {
    message: 'a 6-digit administrative code (GB/T 2260), e.g. "140726"',
  }),
);

const nameSchema = z
  .string({ invalid_type_error: 'a name (text)' })
  .trim()
  .min(1, { message: 'a non-empty name' });

const levelSchema = z.enum(REGION_LEVELS, {
  errorMap: () => ({ message: `one of ${REGION_LEVELS.join(' | ')}` }),
});

const regionSchema = z
  .object({
    code: codeSchema,
    name: nameSchema,
    level: levelSchema,
    parent: codeSchema.nullable().default(null),
    short_names: z.array(nameSchema).default([]),
    successor: z
      .object({
        code: codeSchema,
        name: nameSchema,
        since: z.number().int().min(1949).max(2100).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const regionFileSchema = z
  .object({
    schema: z.literal(REGION_FILE_SCHEMA, {
      errorMap: () => ({ message: `must be "${REGION_FILE_SCHEMA}"` }),
    }),
    regions: z.array(z.unknown(), { required_error: 'a list of regions' }),
  })
  .strict();

type RowLabel = (index: number) => string;

function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function zodIssues(error: z.ZodError, prefix: string): RegionFileIssue[] {
  return error.issues.map((issue) => {
    const rest = formatPath(issue.path);
    let path = prefix || '(file)';
    if (rest) path = !prefix ? rest : rest.startsWith('[') ? `${prefix}${rest}` : `${prefix}.${rest}`;
    return { path, message: issue.message };
  });
}

function existingLevels(existing: RegionParseOptions['existing']): Map<string, RegionLevel> {
  const levels = new Map<string, RegionLevel>();
  if (!existing) return levels;
  if (existing instanceof Map) {
    for (const [code, level] of existing as ReadonlyMap<string, RegionLevel>) levels.set(code, level);
  } else {
    for (const code of existing as Iterable<string>) levels.set(code, levelOfCode(code));
  }
  return levels;
}

/**
 * The checks that need the whole table: unique codes, level matching the code's shape, parent present
 * (in the table or the database), parent one level up or more, child code inside the parent's prefix,
 * and no two divisions of one name under one parent.
 */
function checkTable(
  rows: { entry: RegionEntry; at: number }[],
  label: RowLabel,
  parentField: string,
  options: RegionParseOptions,
): RegionFileIssue[] {
  const issues: RegionFileIssue[] = [];
  const known = existingLevels(options.existing);
  const firstAt = new Map<string, number>();
  for (const { entry, at } of rows) {
    const seen = firstAt.get(entry.code);
    if (seen !== undefined) {
      issues.push({
        path: `${label(at)}.code`,
        message: `duplicate code ${entry.code} (first at ${label(seen)})`,
      });
    } else firstAt.set(entry.code, at);
  }
  const levels = new Map(known);
  for (const { entry } of rows) levels.set(entry.code, entry.level);

  const names = new Map<string, number>();
  for (const { entry, at } of rows) {
    const where = label(at);
    const shape = levelOfCode(entry.code);
    if (shape !== entry.level) {
      issues.push({
        path: `${where}.level`,
        message: `code ${entry.code} has the shape of a ${shape}-level code, but level is ${entry.level}`,
      });
    }
    if (entry.level === 'province') {
      if (entry.parent !== null) {
        issues.push({ path: `${where}.${parentField}`, message: 'a province-level division has no parent' });
      }
    } else if (entry.parent === null) {
      issues.push({
        path: `${where}.${parentField}`,
        message: `a ${entry.level}-level division needs the code of its parent`,
      });
    } else {
      const parentLevel = levels.get(entry.parent);
      if (parentLevel === undefined) {
        issues.push({
          path: `${where}.${parentField}`,
          message: `parent ${entry.parent} is neither in this file nor among the existing regions`,
        });
      } else if (RANK[parentLevel] >= RANK[entry.level]) {
        issues.push({
          path: `${where}.${parentField}`,
          message: `parent ${entry.parent} is ${parentLevel}-level; a ${entry.level} needs a parent above it (province > city > county)`,
        });
      } else if (!entry.code.startsWith(entry.parent.slice(0, PREFIX_LENGTH[parentLevel]))) {
        issues.push({
          path: `${where}.${parentField}`,
          message: `code ${entry.code} is not inside parent ${entry.parent} (it should start with ${entry.parent.slice(0, PREFIX_LENGTH[parentLevel])})`,
        });
      }
    }
    if (entry.successor?.code === entry.code) {
      issues.push({ path: `${where}.successor.code`, message: 'a successor needs a code of its own' });
    }
    const key = `${entry.parent ?? ''}/${entry.name}`;
    const sameName = names.get(key);
    if (sameName !== undefined) {
      issues.push({
        path: `${where}.name`,
        message: `${entry.name} already appears under the same parent at ${label(sameName)}`,
      });
    } else names.set(key, at);
  }
  return issues;
}

/** ` (140726 太谷县)` after a row's index, so a message can be found without counting rows. */
function rowTag(raw: unknown): string {
  if (raw && typeof raw === 'object' && 'code' in raw) {
    const r = raw as { code?: unknown; name?: unknown };
    return ` (${String(r.code)}${typeof r.name === 'string' && r.name.trim() ? ` ${r.name.trim()}` : ''})`;
  }
  return '';
}

/** Parses and checks a region YAML file; returns every problem instead of throwing. */
export function safeParseRegionFile(yamlText: string, options: RegionParseOptions = {}): RegionParseResult {
  let doc: unknown;
  try {
    doc = parseYaml(yamlText, { prettyErrors: true });
  } catch (e) {
    const message = e instanceof YAMLParseError ? e.message : String(e);
    return { ok: false, issues: [{ path: '(file)', message: `not valid YAML: ${message}` }] };
  }
  const top = regionFileSchema.safeParse(doc);
  if (!top.success) return { ok: false, issues: zodIssues(top.error, '') };

  const issues: RegionFileIssue[] = [];
  const rows: { entry: RegionEntry; at: number }[] = [];
  const raws = top.data.regions;
  const label: RowLabel = (i) => `regions[${i}]${rowTag(raws[i])}`;
  raws.forEach((raw, i) => {
    const parsed = regionSchema.safeParse(raw);
    if (parsed.success) rows.push({ entry: parsed.data, at: i });
    else issues.push(...zodIssues(parsed.error, label(i)));
  });
  issues.push(...checkTable(rows, label, 'parent', options));
  return issues.length ? { ok: false, issues } : { ok: true, regions: rows.map((r) => r.entry) };
}

/** Parses and checks a region YAML file; throws {@link RegionFileInvalidError} listing every problem. */
export function parseRegionFile(yamlText: string, options: RegionParseOptions = {}): RegionEntry[] {
  const result = safeParseRegionFile(yamlText, options);
  if (!result.ok) throw new RegionFileInvalidError(result.issues);
  return result.regions;
}

export const REGION_CSV_COLUMNS = ['code', 'name', 'level', 'parent_code'] as const;

/**
 * RFC 4180 records: comma-separated, fields optionally in double quotes ("" inside quotes is a quote),
 * LF or CRLF line ends, a leading BOM ignored. Each record carries the line it starts on (1-based).
 */
export function splitCsv(
  text: string,
): { line: number; fields: string[] }[] | { error: string; line: number } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quotedField = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0].trim() === '' && !quotedField))
      records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    quotedField = false;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') {
      if (field.trim() !== '') return { error: 'a quote inside an unquoted field', line };
      field = '';
      inQuotes = true;
      quotedField = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      quotedField = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (inQuotes) return { error: 'a quoted field is not closed', line: recordLine };
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Parses and checks a CSV division table (`code,name,level,parent_code`); returns every problem. */
export function safeParseRegionCsv(csvText: string, options: RegionParseOptions = {}): RegionParseResult {
  const records = splitCsv(csvText);
  if (!Array.isArray(records)) {
    return {
      ok: false,
      issues: [{ path: `line ${records.line}`, message: `not valid CSV: ${records.error}` }],
    };
  }
  if (records.length === 0) {
    return {
      ok: false,
      issues: [{ path: 'line 1', message: `empty; expected the header ${REGION_CSV_COLUMNS.join(',')}` }],
    };
  }
  const [header, ...body] = records;
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const issues: RegionFileIssue[] = [];
  const index = new Map<string, number>();
  columns.forEach((name, i) => {
    if (!(REGION_CSV_COLUMNS as readonly string[]).includes(name)) {
      issues.push({
        path: `line ${header.line}`,
        message: `unknown column "${header.fields[i]}" (expected ${REGION_CSV_COLUMNS.join(',')})`,
      });
    } else if (index.has(name)) {
      issues.push({ path: `line ${header.line}`, message: `column ${name} appears twice` });
    } else index.set(name, i);
  });
  for (const name of REGION_CSV_COLUMNS) {
    if (!index.has(name)) issues.push({ path: `line ${header.line}`, message: `missing column ${name}` });
  }
  if (issues.length) return { ok: false, issues };

  const rows: { entry: RegionEntry; at: number }[] = [];
  const lineOf = new Map<number, { line: number; code: string }>();
  const label: RowLabel = (at) => {
    const r = lineOf.get(at);
    return r?.code ? `line ${r.line} (${r.code})` : `line ${at}`;
  };
  for (const record of body) {
    const get = (name: (typeof REGION_CSV_COLUMNS)[number]) =>
      (record.fields[index.get(name) ?? -1] ?? '').trim();
    lineOf.set(record.line, { line: record.line, code: get('code') });
    if (record.fields.length !== columns.length) {
      issues.push({
        path: label(record.line),
        message: `has ${record.fields.length} fields, the header has ${columns.length}`,
      });
      continue;
    }
    const parsed = regionSchema.safeParse({
      code: get('code'),
      name: get('name'),
      level: get('level'),
      parent: get('parent_code') === '' ? null : get('parent_code'),
    });
    if (parsed.success) rows.push({ entry: parsed.data, at: record.line });
    else
      issues.push(
        ...parsed.error.issues.map((issue) => ({
          path: `${label(record.line)}.${issue.path[0] === 'parent' ? 'parent_code' : String(issue.path[0])}`,
          message: issue.message,
        })),
      );
  }
  issues.push(...checkTable(rows, label, 'parent_code', options));
  return issues.length ? { ok: false, issues } : { ok: true, regions: rows.map((r) => r.entry) };
}

/** Parses and checks a CSV division table; throws {@link RegionFileInvalidError} listing every problem. */
export function parseRegionCsv(csvText: string, options: RegionParseOptions = {}): RegionEntry[] {
  const result = safeParseRegionCsv(csvText, options);
  if (!result.ok) throw new RegionFileInvalidError(result.issues);
  return result.regions;
}
