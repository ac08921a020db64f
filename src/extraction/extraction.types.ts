/**
 * What an extraction returns: the draft plan file, where each value came from, and what a person should
 * know before publishing it.
 */
import { type Message, translate } from '../common/i18n/catalog';
import type { PlanFile } from '../plans/plan-file.schema';
import type { RegionEntry } from '../regions/region-file.schema';
import type { KnownDepartment } from './department-registry';

export interface ExtractPlanInput {
  /** pasted text (or the text of a .txt already read) */
  text?: string;
  /** file contents: .txt (UTF-8/UTF-16/GB18030), .docx, .html */
  buffer?: Buffer;
  fileName?: string;
  /** departments already in the system: mentions are matched to them; the others are proposed as new */
  knownDepartments?: KnownDepartment[];
  /** the issuing region's 6-digit code or name, when the text does not make it clear */
  regionHint?: string;
  /** administrative divisions (config/regions) to resolve the issuer's region and county names */
  regions?: RegionEntry[];
}

export interface FieldProvenance {
  /** the source words the value was read from (verbatim, any script) */
  excerpt: string;
  /** 0–1 */
  confidence: number;
  /** which rule read it */
  rule?: string;
}

export interface ItemProvenance {
  ref: string;
  /** 1-based source line of the item's heading */
  line: number;
  fields: Record<string, FieldProvenance>;
}

export interface ExtractionProvenance {
  plan: Record<string, FieldProvenance>;
  items: ItemProvenance[];
  departments: Record<string, FieldProvenance & { status: 'known' | 'proposed' }>;
  leadershipGroup: FieldProvenance | null;
  /** paths of fields whose confidence is below LOW_CONFIDENCE, e.g. `items[三.(五)].number` */
  lowConfidence: string[];
}

export interface ExtractionWarning {
  code:
    | 'NUMBERING'
    | 'NO_DOC_NUMBER'
    | 'NO_ISSUE_DATE'
    | 'REGION_UNRESOLVED'
    | 'NEW_DEPARTMENTS'
    | 'TRADITIONAL_SCRIPT'
    | 'ENCODING'
    | 'DRAFT_INVALID'
    | 'DATE_UNREAD'
    | 'DEADLINE_BEFORE_ISSUE';
  /** what to check, for people (rendered in the reader's language); absent in drafts stored before it existed */
  text?: Message;
  /** the same in Simplified Chinese, as plain text (the draft YAML's header comment, the CLI, old readers) */
  message: string;
  /** 1-based source line, when the warning is about one */
  line?: number;
}

export interface ExtractionResult {
  draft: PlanFile;
  provenance: ExtractionProvenance;
  warnings: ExtractionWarning[];
}

/** Fields below this confidence are flagged for a person to check. */
export const LOW_CONFIDENCE = 0.6;

/** A warning with its message for people, and the same as Simplified Chinese text. */
export function extractionWarning(
  code: ExtractionWarning['code'],
  text: Message,
  line?: number,
): ExtractionWarning {
  return { code, text, message: translate('zh-CN', text), ...(line === undefined ? {} : { line }) };
}
