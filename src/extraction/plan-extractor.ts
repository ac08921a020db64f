/**
 * Proposes a plan file from an implementation plan as offices receive it (Word file, web page, pasted text;
 * Simplified or Traditional). The result is a **draft** in the plan-file shape (`parsePlanFile` accepts its
 * YAML) with, for every item and field, the source words it was read from and a confidence; a person checks
 * the low-confidence fields and publishes.
 *
 * Pipeline: decode (document-decoding) → one paragraph per line (text-layout: run-on web text and
 * hard-wrapped PDF text repaired) → strip web-page furniture, keeping the page's 文号/发布机构/日期
 * (furniture-stripping) → title, 文号, issuer, date, implemented documents (metadata-reader) → the numbered
 * outline (heading-parser) → items: title, kind, dates (readDeadline), targets (target-reader), county
 * schedules and dated target lists (schedule-reader), in item-builder → departments per item
 * (department-reader, department-mentions) → leadership group (leadership-reader) → departments resolved
 * once for the whole plan (department-registry) → draft, provenance, warnings.
 * Pure apart from decoding a .docx.
 */
import { stringify } from 'yaml';
import {
  parsePlanFile,
  PLAN_FILE_SCHEMA,
  PlanFileError,
  type PlanFile,
  type PlanFileGroupMember,
  type PlanFileLeadershipGroup,
} from '../plans/plan-file.schema';
import { toSimplified } from '../common/text-normalization';
import { decodeDocument } from './document-decoding';
import { findMentions, type ReaderContext } from './department-mentions';
import { firstListedLeadsLegend, readItemDepartments } from './department-reader';
import { DepartmentRegistry } from './department-registry';
import { msg, translate } from '../common/i18n/catalog';
import { ExtractionError } from './extraction.error';
import type {
  ExtractionProvenance,
  ExtractionResult,
  ExtractionWarning,
  ExtractPlanInput,
  FieldProvenance,
  ItemProvenance,
} from './extraction.types';
import { extractionWarning, LOW_CONFIDENCE } from './extraction.types';
import { stripFurniture } from './furniture-stripping';
import { parseOutline } from './heading-parser';
import { type BuildContext, buildItems, type WorkItem, walkItems } from './item-builder';
import { resolveIssuerRegion } from './issuer-region';
import { provinceOfDocNumber, withNationalDivisions } from './national-divisions';
import { readLeadershipGroup } from './leadership-reader';
import { docNumbersIn, readMetadata } from './metadata-reader';
import { comparable, detectScript, displayText, maskNames } from './source-text';
import { normalizeLayout } from './text-layout';

export type { KnownDepartment } from './department-registry';

const UNKNOWN_ISSUER = '未知发文机关';

export type {
  ExtractionProvenance,
  ExtractionResult,
  ExtractionWarning,
  ExtractPlanInput,
  FieldProvenance,
  ItemProvenance,
} from './extraction.types';
export { LOW_CONFIDENCE } from './extraction.types';

const noStructure = () => new ExtractionError('NO_STRUCTURE', msg('extraction.error.no_structure'));

function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0) as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * Puts an item's duties under the plan's department refs: leads first, then cooperating units that do not
 * lead; clause and dated-target items also take their parent's leads. Recurses into the children.
 */
function assignDepartments(
  w: WorkItem,
  parentLead: string[],
  refOf: (key: string) => string | undefined,
): void {
  const lead: string[] = [];
  const cooperate: string[] = [];
  const leadWords: string[] = [];
  const coopWords: string[] = [];
  let leadConfidence = 1;
  let coopConfidence = 1;
  for (const a of w.assignments) {
    const ref = refOf(a.mention.key);
    if (!ref || a.role !== 'lead' || lead.includes(ref)) continue;
    lead.push(ref);
    leadWords.push(a.evidence);
    leadConfidence = Math.min(leadConfidence, a.confidence);
  }
  for (const a of w.assignments) {
    const ref = refOf(a.mention.key);
    if (!ref || a.role !== 'cooperate' || lead.includes(ref) || cooperate.includes(ref)) continue;
    cooperate.push(ref);
    coopWords.push(a.evidence);
    coopConfidence = Math.min(coopConfidence, a.confidence);
  }
  if (w.inheritsLead) {
    for (const ref of parentLead.filter((r) => !lead.includes(r))) {
      lead.push(ref);
      leadConfidence = Math.min(leadConfidence, 0.5);
      leadWords.push(translate('zh-CN', msg('extraction.lead_inherited')));
    }
  }
  w.item.lead = lead;
  w.item.cooperate = cooperate.filter((r) => !lead.includes(r));
  const excerpt = (words: string[]) => [...new Set(words)].join(' … ').slice(0, 300);
  if (lead.length) w.fields.lead = { excerpt: excerpt(leadWords), confidence: leadConfidence };
  if (w.item.cooperate.length)
    w.fields.cooperate = { excerpt: excerpt(coopWords), confidence: coopConfidence };
  w.item.children = w.children.map((c) => c.item);
  for (const c of w.children) assignDepartments(c, lead, refOf);
}

/** Extracts a draft plan from text (pure). See the module comment. */
export function extractPlanFromText(
  text: string,
  options: Omit<ExtractPlanInput, 'text' | 'buffer'> & { encoding?: string } = {},
): ExtractionResult {
  const warnings: ExtractionWarning[] = [];
  const stripped = stripFurniture(normalizeLayout(text));
  const lines = stripped.lines;
  const script = detectScript(text);
  if (script === 'traditional') {
    warnings.push(extractionWarning('TRADITIONAL_SCRIPT', msg('extraction.warning.traditional')));
  }
  if (options.encoding === 'gb18030') {
    warnings.push(extractionWarning('ENCODING', msg('extraction.warning.gb18030')));
  }

  const meta = readMetadata(lines, stripped.meta);
  if (meta.bodyStart >= lines.length) {
    throw noStructure();
  }

  const issuerText = meta.issuer;
  const region = resolveIssuerRegion(
    issuerText,
    comparable(meta.title),
    withNationalDivisions(options.regions ?? []),
    options.regionHint,
  );
  // "克州人民政府办公室" → "克孜勒苏柯尔克孜自治州人民政府办公室"
  let issuer = displayText(issuerText, script);
  const shortName = region.names.find((n) => n !== region.name && issuer.startsWith(n));
  if (shortName && region.resolved && !issuer.startsWith(region.name))
    issuer = region.name + issuer.slice(shortName.length);
  let issuerGuessed = false;
  // no issuer and no region, but a provincial 文号 ("甘政发〔2012〕120号"): the province its 简称 names
  if (!issuer && !region.resolved && !options.regionHint && meta.docNumber) {
    const province = provinceOfDocNumber(
      comparable(meta.docNumber),
      withNationalDivisions(options.regions ?? []),
    );
    if (province) {
      Object.assign(
        region,
        resolveIssuerRegion(province.name, '', withNationalDivisions(options.regions ?? [])),
      );
      issuer = `${province.name}人民政府${/^.政办/.test(comparable(meta.docNumber)) ? '办公厅' : ''}`;
      issuerGuessed = true;
    }
  }
  // no signature, no 发文机关 (a plan pasted as one line): the government of the division the title names,
  // for a person to check
  if (!issuer && region.resolved && comparable(meta.title).startsWith(region.names.at(-1) ?? region.name)) {
    issuer = `${region.name}人民政府`;
    issuerGuessed = true;
  } else if (!issuer && region.resolved) {
    const at = comparable(meta.title).indexOf(region.name);
    if (at >= 0 && at <= 12) {
      issuer = `${region.name}人民政府`;
      issuerGuessed = true;
    }
  }
  if (!region.resolved) {
    if (
      /市$/.test(region.name) &&
      !/各县|县\(|县级/.test(comparable(text)) &&
      /乡镇|镇乡|乡\(镇\)/.test(comparable(text))
    ) {
      region.level = 'county';
    }
    warnings.push(
      extractionWarning(
        'REGION_UNRESOLVED',
        msg('extraction.warning.region_unresolved', { name: region.name || msg('extraction.unknown') }),
      ),
    );
  }

  let issuedOn = meta.issuedOn;
  if (!issuedOn) {
    const year =
      /〔((?:19|20)\d{2})〕/.exec(comparable(meta.docNumber ?? ''))?.[1] ??
      /((?:19|20)\d{2})年/.exec(comparable(text))?.[1] ??
      '2000';
    issuedOn = `${year}-01-01`;
    meta.sources.issuedOn = { excerpt: '', confidence: 0.2 };
    warnings.push(
      extractionWarning('NO_ISSUE_DATE', msg('extraction.warning.no_issue_date', { date: issuedOn })),
    );
  }
  if (!meta.docNumber) {
    warnings.push(extractionWarning('NO_DOC_NUMBER', msg('extraction.warning.no_doc_number')));
  }

  const outline = parseOutline(lines, meta.bodyStart, meta.bodyEnd);
  if (outline.headings === 0) {
    throw noStructure();
  }
  for (const w of outline.warnings) warnings.push(extractionWarning('NUMBERING', w.text, w.line + 1));

  const leadership = readLeadershipGroup(lines, Math.max(0, meta.titleLine), meta.bodyEnd);
  const reader: ReaderContext = {
    region,
    extraNames: (options.knownDepartments ?? [])
      .flatMap((d) => [d.name, ...(d.aliases ?? [])])
      .map((n) => comparable(n)),
    firstListedLeads: firstListedLeadsLegend(comparable(lines.join('\n'))),
  };
  const ctx: BuildContext = {
    lines,
    issuedOn,
    script,
    reader,
    leadershipLines: new Set(leadership ? [...leadership.lines, leadership.officeLine] : []),
    title: meta.title,
  };

  // ---- items
  const roots = buildItems(outline.root, meta.title, ctx);

  // ---- departments, item by item
  const registry = new DepartmentRegistry(reader, options.knownDepartments);
  const all = walkItems(roots);
  // dates a person must look at: wording the rules cannot read, and deadlines before the plan was issued
  for (const w of all) {
    for (const words of w.unreadDates ?? []) {
      warnings.push(
        extractionWarning(
          'DATE_UNREAD',
          msg('extraction.warning.date_unread', {
            words: words.slice(0, 40),
            number: w.item.number,
            title: w.item.title,
          }),
          w.line + 1,
        ),
      );
    }
    const due = w.item.due?.date;
    if (due && due < issuedOn) {
      warnings.push(
        extractionWarning(
          'DEADLINE_BEFORE_ISSUE',
          msg('extraction.warning.deadline_before_issue', {
            due,
            words: w.item.due?.text ?? '',
            number: w.item.number,
            title: w.item.title,
            issuedOn,
          }),
          w.line + 1,
        ),
      );
      w.fields.due = {
        ...(w.fields.due ?? { excerpt: w.item.due?.text ?? '', rule: 'deadline-rules' }),
        confidence: 0.4,
      };
    }
  }
  for (const w of all) {
    if (w.dutyText) {
      const c = maskNames(comparable(w.dutyText));
      const firstStop = c.indexOf('。', w.titleEnd + 1);
      w.assignments.push(
        ...readItemDepartments(c, reader, {
          goal: w.goal,
          firstSentenceEnd: firstStop >= 0 ? firstStop : c.length,
        }),
      );
    }
    for (const a of w.assignments) registry.add(a.mention, a.evidence);
  }
  const groupMentions = new Map<string, ReturnType<typeof findMentions>[number]>();
  if (leadership) {
    for (const m of leadership.members) {
      const mention = findMentions(maskNames(comparable(m.post)), reader).find(
        (x) => x.kind !== 'collective',
      );
      if (mention) {
        registry.add(mention, m.post);
        groupMentions.set(`${m.name}|${m.post}`, mention);
      }
    }
    if (leadership.office) {
      const mention = findMentions(maskNames(comparable(leadership.office)), reader)[0];
      if (mention) {
        registry.add(mention, leadership.office);
        groupMentions.set('office', mention);
      }
    }
  }
  const { departments, refOf } = registry.finalize();

  for (const w of roots) assignDepartments(w, [], refOf);

  // ---- leadership group
  let leadershipGroup: PlanFileLeadershipGroup | null = null;
  if (leadership) {
    const members: PlanFileGroupMember[] = leadership.members.map((m) => {
      const mention = groupMentions.get(`${m.name}|${m.post}`);
      return {
        name: toSimplified(m.name).replace(/\s+/g, ''),
        group_role: m.role,
        post: displayText(m.post, script) || '成员',
        department: mention ? (refOf(mention.key) ?? null) : null,
      };
    });
    const office = groupMentions.get('office');
    leadershipGroup = {
      name: displayText(leadership.name, script),
      office_department: office ? (refOf(office.key) ?? null) : null,
      members,
    };
  }

  // ---- the draft
  const usedRefs = new Set<string>();
  for (const w of all) [...w.item.lead, ...w.item.cooperate].forEach((r) => usedRefs.add(r));
  if (leadershipGroup) {
    if (leadershipGroup.office_department) usedRefs.add(leadershipGroup.office_department);
    leadershipGroup.members.forEach((m) => m.department && usedRefs.add(m.department));
  }
  let draftDepartments = departments.filter((d) => usedRefs.has(d.ref));
  if (draftDepartments.length === 0) {
    // the schema wants at least one department: the issuer itself
    const [own] = findMentions(maskNames(comparable(issuer.replace(/办公室$|办公厅$/, ''))), reader);
    // an issuer nobody could read still makes a valid draft: the placeholder is flagged for a person
    const ref = own?.surface || issuer || UNKNOWN_ISSUER;
    draftDepartments = [
      {
        key: own?.key ?? 'issuer',
        ref,
        department: {
          ref,
          name: issuer.replace(/办公室$|办公厅$/, '') || ref,
          region: region.code,
          aliases: [],
        },
        status: 'proposed',
        evidence: meta.sources.issuer.excerpt,
      },
    ];
  }

  // a page without a title line: its 文号 is not its title
  const titleIsNumber = docNumbersIn(meta.title).some(
    (d) => d.value.length >= comparable(meta.title).trim().length - 2,
  );
  const title = (!titleIsNumber && displayText(meta.title, script)) || '未命名方案';
  const year = issuedOn.slice(0, 4);
  const draft: PlanFile = {
    schema: PLAN_FILE_SCHEMA,
    key: `plan-${region.code}-${year}-${fnv(title)}`,
    title,
    doc_number: meta.docNumber ? displayText(meta.docNumber, script).replace(/\s+/g, '') : null,
    issuer: issuer || UNKNOWN_ISSUER,
    issued_on: issuedOn,
    region: region.code,
    implements: meta.implements,
    source: { file: options.fileName ?? 'pasted-text.txt', script },
    departments: draftDepartments.map((d) => d.department),
    ...(leadershipGroup ? { leadership_group: leadershipGroup } : {}),
    items: roots.map((w) => w.item),
  };

  // ---- provenance
  const planFields: Record<string, FieldProvenance> = {
    title: meta.sources.title,
    doc_number: meta.sources.docNumber,
    issuer: issuerGuessed
      ? { excerpt: meta.title, confidence: 0.4, rule: 'issuer-from-title' }
      : meta.sources.issuer,
    issued_on: meta.sources.issuedOn,
    implements: meta.sources.implements,
    region: {
      excerpt: issuerText,
      confidence: region.resolved ? 0.9 : 0.2,
      rule: region.resolved ? 'region-list' : 'unresolved',
    },
  };
  const items: ItemProvenance[] = all.map((w) => ({ ref: w.item.ref, line: w.line + 1, fields: w.fields }));
  const departmentProvenance: ExtractionProvenance['departments'] = {};
  for (const d of draftDepartments) {
    departmentProvenance[d.ref] = {
      excerpt: d.evidence.slice(0, 200),
      confidence: d.status === 'known' ? 0.95 : d.department.expand ? 0.8 : 0.6,
      status: d.status,
    };
  }
  const lowConfidence: string[] = [];
  for (const [field, p] of Object.entries(planFields))
    if (p.confidence < LOW_CONFIDENCE) lowConfidence.push(field);
  for (const it of items) {
    for (const [field, p] of Object.entries(it.fields)) {
      if (p.confidence < LOW_CONFIDENCE) lowConfidence.push(`items[${it.ref}].${field}`);
    }
  }
  if (options.knownDepartments?.length) {
    const proposed = draftDepartments.filter((d) => d.status === 'proposed').map((d) => d.ref);
    if (proposed.length) {
      warnings.push(
        extractionWarning(
          'NEW_DEPARTMENTS',
          msg('extraction.warning.new_departments', { names: proposed.join('、') }),
        ),
      );
      for (const ref of proposed) lowConfidence.push(`departments[${ref}]`);
    }
  }

  // the draft must load as a plan file; anything else is a bug worth a clear warning, not a crash
  try {
    parsePlanFile(stringify(draft), draft.source.file);
  } catch (error) {
    if (!(error instanceof PlanFileError)) throw error;
    // the problems themselves (paths, lines) stay in the plain-text message, as the plan-file check words them
    warnings.push({
      ...extractionWarning(
        'DRAFT_INVALID',
        msg('extraction.warning.draft_invalid', { count: error.issues.length }),
      ),
      message: error.message,
    });
  }

  return {
    draft,
    provenance: {
      plan: planFields,
      items,
      departments: departmentProvenance,
      leadershipGroup: leadership
        ? { excerpt: lines[leadership.nameLine].trim(), confidence: 0.8, rule: 'leadership-group' }
        : null,
      lowConfidence,
    },
    warnings,
  };
}

/**
 * Reads a plan from a file or pasted text and proposes a draft plan file.
 * @throws ExtractionError for input that is not a readable plan (empty, binary, too large, no structure)
 */
export async function extractPlan(input: ExtractPlanInput): Promise<ExtractionResult> {
  const decoded = await decodeDocument(input);
  return extractPlanFromText(decoded.text, {
    fileName: input.fileName,
    knownDepartments: input.knownDepartments,
    regionHint: input.regionHint,
    regions: input.regions,
    encoding: decoded.encoding,
  });
}
