import * as path from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import type { DataSource, Repository } from 'typeorm';
import { stringify } from 'yaml';
import { userActor } from '../audit/audit.service';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';
import { countPlanItems, parsePlanFile, type PlanFile, PlanFileError } from '../plans/plan-file.schema';
import { type PlanImportReport, PlanImportService } from '../plans/plan-import.service';
import { PlanScope } from '../access/plan-scope';
import type { RegionEntry } from '../regions/region-file.schema';
import { Role } from '../access/role.enum';
import { decodeDocument } from './document-decoding';
import { renderDraftYaml } from './draft-yaml';
import { loadRegions } from './extraction.commands';
import { ExtractionError, type ExtractionErrorCode, MAX_DOCUMENT_BYTES } from './extraction.error';
import { extractPlanFromText } from './plan-extractor';
import { PlanDraft, type PlanDraftStatus } from './plan-draft.entity';

/** What an upload or paste hands over: a file, or text (a file wins when both are given). */
export interface DraftInput {
  buffer?: Buffer;
  text?: string;
  fileName?: string;
}

export interface PlanDraftSummary {
  id: string;
  fileName: string;
  title: string;
  key: string;
  status: PlanDraftStatus;
  items: number;
  lowConfidence: number;
  warningCount: number;
  publishedPlanId: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface PlanDraftDetail extends PlanDraftSummary {
  draft: PlanFile;
  /** the draft as YAML, with the header comment listing low-confidence fields and warnings */
  yaml: string;
  provenance: PlanDraft['provenance'];
  warnings: PlanDraft['warnings'];
  sourceText: string;
}

export interface PublishResult {
  draft: PlanDraftSummary;
  planId: string;
  report: PlanImportReport;
}

/** How each extraction failure answers over HTTP. */
const EXTRACTION_STATUS: Record<ExtractionErrorCode, ErrorCode> = {
  EMPTY_DOCUMENT: ErrorCode.VALIDATION_FAILED,
  NO_STRUCTURE: ErrorCode.VALIDATION_FAILED,
  DOCX_UNREADABLE: ErrorCode.VALIDATION_FAILED,
  FILE_TOO_LARGE: ErrorCode.PAYLOAD_TOO_LARGE,
  BINARY_FILE: ErrorCode.UNSUPPORTED_MEDIA,
  UNSUPPORTED_FORMAT: ErrorCode.UNSUPPORTED_MEDIA,
};

/** An ExtractionError as the API's error: its message, the extraction code in details. */
export function extractionFailure(error: ExtractionError): DomainError {
  return new DomainError(EXTRACTION_STATUS[error.code], error.text, { code: error.code });
}

const tooLarge = () =>
  extractionFailure(new ExtractionError('FILE_TOO_LARGE', msg('extraction.error.too_large_upload')));

/** A plan-file validation failure: every problem with its path (and line of the YAML). */
export function invalidDraft(error: PlanFileError): DomainError {
  return new DomainError(
    ErrorCode.VALIDATION_FAILED,
    msg('extraction.draft.invalid', { count: error.issues.length }),
    { issues: error.issues.map((i) => ({ ...i, message: i.path ? `${i.path}: ${i.message}` : i.message })) },
  );
}

/**
 * Reads a multipart draft upload: at most one file (`file`), or a `text` field (pasted), and `fileName`.
 * Size limits are the extractor's (20 MB), not the evidence upload limit, and say so in its words.
 */
export async function readDraftUpload(request: FastifyRequest): Promise<DraftInput> {
  const input: DraftInput = {};
  try {
    const parts = request.parts({
      limits: { fileSize: MAX_DOCUMENT_BYTES, fieldSize: MAX_DOCUMENT_BYTES, files: 1, fields: 10 },
    } as never);
    for await (const part of parts) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        // A form whose file input was left empty still sends an empty, nameless part.
        if (data.length > 0 || part.filename) {
          input.buffer = data;
          input.fileName = path.basename(part.filename || 'document.txt');
        }
      } else if (part.fieldname === 'text') {
        input.text = String(part.value);
      } else if (part.fieldname === 'fileName' && !input.fileName) {
        input.fileName = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT') {
      throw tooLarge();
    }
    throw error;
  }
  // An empty file input plus pasted text: the text.
  if (input.buffer && input.buffer.length === 0 && input.text?.trim()) delete input.buffer;
  return input;
}

function summaryOf(row: PlanDraft): PlanDraftSummary {
  return {
    id: row.id,
    fileName: row.fileName,
    title: row.draft.title,
    key: row.draft.key,
    status: row.status,
    items: countPlanItems(row.draft).total,
    lowConfidence: row.provenance.lowConfidence.length,
    warningCount: row.warnings.length,
    publishedPlanId: row.publishedPlanId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/**
 * Plan drafts: a document read by the extractor, checked and edited by a person, then published through
 * PlanImportService (the only way a draft becomes a plan). Office users see their own drafts, admins all.
 */
@Injectable()
export class PlanDraftsService {
  private readonly logger = new Logger(PlanDraftsService.name);
  private regions: RegionEntry[] | null = null;
  private readonly repo: Repository<PlanDraft>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly importer: PlanImportService,
    private readonly scope: PlanScope,
  ) {
    this.repo = dataSource.getRepository(PlanDraft);
  }

  /** Reads the document and stores the proposal; an unreadable document stores nothing. */
  async create(user: AuthenticatedUser, input: DraftInput): Promise<PlanDraftDetail> {
    const fileName = (input.fileName?.trim() || (input.buffer ? 'document.txt' : '粘贴文本.txt')).slice(
      0,
      300,
    );
    let row: PlanDraft;
    try {
      const decoded = await decodeDocument({
        buffer: input.buffer,
        text: input.buffer ? undefined : (input.text ?? ''),
        fileName,
      });
      const result = extractPlanFromText(decoded.text, {
        fileName,
        regions: this.loadRegions(),
        encoding: decoded.encoding,
      });
      row = this.repo.create({
        createdBy: user.id,
        fileName,
        sourceText: decoded.text,
        draft: result.draft,
        provenance: result.provenance,
        warnings: result.warnings,
        status: 'draft',
        publishedPlanId: null,
      });
    } catch (error) {
      if (error instanceof ExtractionError) throw extractionFailure(error);
      throw error;
    }
    return this.detailOf(await this.repo.save(row));
  }

  async list(
    user: AuthenticatedUser,
    filter: { status?: PlanDraftStatus } = {},
  ): Promise<PlanDraftSummary[]> {
    const rows = await this.repo.find({
      where: {
        ...(user.role === Role.Admin ? {} : { createdBy: user.id }),
        ...(filter.status ? { status: filter.status } : {}),
      },
      order: { createdAt: 'DESC' },
      take: 200,
    });
    return rows.map(summaryOf);
  }

  async detail(user: AuthenticatedUser, id: string): Promise<PlanDraftDetail> {
    return this.detailOf(await this.load(user, id));
  }

  /**
   * Replaces the draft with the edited one (YAML text, or a plan file as JSON), checked with the plan-file
   * schema; `expectedVersion` is the version the editor read.
   * @throws 400 listing every problem (nothing saved), 412 when someone saved in between, 409 when not a draft
   */
  async update(
    user: AuthenticatedUser,
    id: string,
    edited: string | object,
    expectedVersion: number,
  ): Promise<PlanDraftDetail> {
    const row = await this.load(user, id);
    this.assertOpen(row);
    if (row.version !== expectedVersion) throw this.versionConflict(row.version, expectedVersion);
    const draft = this.parse(edited, row.fileName);
    const result = await this.repo.update({ id, version: expectedVersion, status: 'draft' }, { draft });
    if (result.affected !== 1) throw this.versionConflict(row.version + 1, expectedVersion);
    return this.detailOf(await this.load(user, id));
  }

  /**
   * Publishes the draft: a valid plan file is imported (PlanImportService, one transaction, `plan.imported`
   * after the commit). A plan with the same key already existing is a 409 unless `update` is asked for.
   */
  async publish(
    user: AuthenticatedUser,
    id: string,
    options: { update?: boolean } = {},
  ): Promise<PublishResult> {
    const row = await this.load(user, id);
    this.assertOpen(row);
    const plan = this.parse(row.draft, row.fileName);
    // An office publishes plans of its own area (the same PlanScope as every plan list and item write).
    if (!(await this.scope.inArea(user, plan.region))) {
      throw new DomainError(
        ErrorCode.AUTH_FORBIDDEN,
        msg('extraction.draft.region_outside_area', { region: plan.region }),
      );
    }
    const existing: Array<{ id: string }> = await this.dataSource.query(
      'SELECT id FROM plans WHERE key = $1',
      [plan.key],
    );
    if (existing.length > 0 && !options.update) {
      throw new DomainError(ErrorCode.CONFLICT, msg('extraction.draft.plan_exists', { key: plan.key }), {
        key: plan.key,
        planId: existing[0].id,
      });
    }
    const report = await this.importer.import(plan, {
      actor: userActor(user),
      source: `plan-draft ${row.id} (${row.fileName})`.slice(0, 300),
      sourceText: row.sourceText,
    });
    // Only an open draft becomes published: a second publish racing this one finds it published.
    await this.repo.update({ id, status: 'draft' }, { status: 'published', publishedPlanId: report.planId });
    const saved = await this.load(user, id);
    return { draft: summaryOf(saved), planId: report.planId, report };
  }

  async discard(user: AuthenticatedUser, id: string): Promise<PlanDraftSummary> {
    const row = await this.load(user, id);
    this.assertOpen(row);
    await this.repo.update({ id, status: 'draft' }, { status: 'discarded' });
    return summaryOf(await this.load(user, id));
  }

  /** The draft's YAML as the editor shows it: the stored plan file under the extraction's header comment. */
  yamlOf(row: Pick<PlanDraft, 'draft' | 'provenance' | 'warnings'>): string {
    return renderDraftYaml({ draft: row.draft, provenance: row.provenance, warnings: row.warnings });
  }

  private detailOf(row: PlanDraft): PlanDraftDetail {
    return {
      ...summaryOf(row),
      draft: row.draft,
      yaml: this.yamlOf(row),
      provenance: row.provenance,
      warnings: row.warnings,
      sourceText: row.sourceText,
    };
  }

  private parse(edited: string | object, fileName: string): PlanFile {
    const text = typeof edited === 'string' ? edited : stringify(edited, { lineWidth: 0 });
    try {
      return parsePlanFile(text, fileName);
    } catch (error) {
      if (error instanceof PlanFileError) throw invalidDraft(error);
      throw error;
    }
  }

  /** The caller's draft (an admin's: any); someone else's is not found, as if it did not exist. */
  private async load(user: AuthenticatedUser, id: string): Promise<PlanDraft> {
    const row = await this.repo.findOne({ where: { id } });
    if (!row || (user.role !== Role.Admin && row.createdBy !== user.id)) {
      throw new DomainError(ErrorCode.NOT_FOUND, msg('extraction.draft.not_found', { id }));
    }
    return row;
  }

  private assertOpen(row: PlanDraft): void {
    if (row.status === 'published') {
      throw new DomainError(ErrorCode.INVALID_STATE, msg('extraction.draft.published'), {
        planId: row.publishedPlanId,
      });
    }
    if (row.status === 'discarded') {
      throw new DomainError(ErrorCode.INVALID_STATE, msg('extraction.draft.discarded'));
    }
  }

  private versionConflict(current: number, expected: number): DomainError {
    return new DomainError(
      ErrorCode.VERSION_CONFLICT,
      msg('extraction.draft.changed', { current, expected }),
      { currentVersion: current, sentVersion: expected },
    );
  }

  private loadRegions(): RegionEntry[] {
    if (this.regions) return this.regions;
    try {
      this.regions = loadRegions();
    } catch (error) {
      this.logger.warn(`config/regions could not be read: ${(error as Error).message}`);
      this.regions = [];
    }
    return this.regions;
  }
}
