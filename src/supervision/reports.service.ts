import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService, change, userActor } from '../audit/audit.service';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode, replaceNotFound } from '../common/domain-error';
import { EvidenceFilesService, type StagedFile } from '../evidence/evidence-files.service';
import { ReportFile } from './report-file.entity';
import type { UploadedFile } from '../evidence/upload';
import { ItemStatusService } from '../plans/item-status.service';
import { PlanEvents } from '../plans/plan-events';
import { PlanItem } from '../plans/plan-item.entity';
import { PlanItemsService } from '../plans/plan-items.service';
import { PlanScope, type ScopedUser } from '../access/plan-scope';
import { Assignment } from '../plans/assignment.entity';
import { AssignmentsService } from '../plans/assignments.service';
import { ClosureService } from './closure.service';
import { inPlanTransaction } from '../plans/plan-transaction';
import { ProgressReport, type ProgressReportState } from './progress-report.entity';
import type { ReviewReportDto, SubmitReportDto } from './supervision.dto';
import { msg } from '../common/i18n/catalog';

type Actor = Pick<AuthenticatedUser, 'id' | 'name' | 'role' | 'departmentId'>;

export interface ReportFileView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export interface ReportView {
  id: string;
  itemId: string;
  departmentId: string;
  departmentName: string;
  role: 'lead' | 'cooperate';
  period: string;
  text: string;
  percent: number;
  state: ProgressReportState;
  previousId: string | null;
  submittedBy: { id: string | null; name: string | null };
  submittedAt: Date;
  reviewedBy: { id: string | null; name: string | null } | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
  files: ReportFileView[];
  item?: { id: string; ref: string; title: string; planId: string };
}

export interface ReviewOutcome {
  report: ReportView;
  /** The approval made the item ready and it was closed (办结). */
  itemClosed: boolean;
}

/**
 * Progress reports (办理) with evidence attachments, and their review (反馈/复核). One report per assignment
 * awaits review at a time; a returned report is answered by a new one (resubmission) and both stay in history.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly items: PlanItemsService,
    private readonly scope: PlanScope,
    private readonly assignments: AssignmentsService,
    private readonly files: EvidenceFilesService,
    private readonly closure: ClosureService,
    private readonly statuses: ItemStatusService,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
    private readonly clock: Clock,
  ) {}

  /** The department's assignment the user acts for (404 not visible, 403 not assigned, 409 flow state). */
  async actingAssignment(
    user: Actor,
    itemId: string,
    em: EntityManager,
  ): Promise<{ item: PlanItem & { planRegionCode: string }; assignment: Assignment }> {
    const item = await this.items.getVisible(user, itemId, em);
    await this.scope.assertCanWriteItem(user, this.assignments.writeTarget(item, em), em);
    if (!user.departmentId) {
      throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.account_without_department'));
    }
    const assignment = await this.assignments.getActive(itemId, user.departmentId, em);
    return { item, assignment };
  }

  async submit(
    user: Actor,
    itemId: string,
    dto: SubmitReportDto,
    uploads: readonly UploadedFile[],
    source: string,
  ): Promise<ReportView> {
    let staged: StagedFile[] = [];
    try {
      const id = await inPlanTransaction(this.dataSource, this.events, async (em, emit) => {
        const { item, assignment } = await this.actingAssignment(user, itemId, em);
        if (item.cancelledAt || item.closedAt) {
          throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.report_item_closed'));
        }
        if (!assignment.acknowledgedAt) {
          throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.acknowledge_first'));
        }
        const repo = em.getRepository(ProgressReport);
        const latest = await repo.findOne({
          where: { assignmentId: assignment.id },
          order: { submittedAt: 'DESC', createdAt: 'DESC', id: 'DESC' },
        });
        if (latest?.state === 'submitted') {
          throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.previous_report_pending'), {
            reportId: latest.id,
          });
        }
        const report = repo.create({
          itemId,
          assignmentId: assignment.id,
          departmentId: assignment.departmentId,
          period: dto.period,
          text: dto.text,
          percent: dto.percent,
          state: 'submitted',
          previousId: latest?.state === 'returned' ? latest.id : null,
          submittedByUserId: user.id,
          submittedAt: this.clock.now(),
          reviewedByUserId: null,
          reviewedAt: null,
          reviewComment: null,
        });
        await repo.insert(report);
        staged = await this.files.stage(uploads, `reports/${report.id}`);
        if (staged.length) {
          await em.getRepository(ReportFile).insert(
            staged.map((f) => ({
              id: f.id,
              reportId: report.id,
              storageKey: f.finalKey,
              fileName: f.fileName,
              contentType: f.contentType,
              sizeBytes: f.sizeBytes,
              sha256: f.sha256,
            })),
          );
        }
        await this.audit.record(
          [
            {
              actor: userActor(user),
              source,
              entityType: 'progress_report',
              entityId: report.id,
              itemId,
              action: report.previousId ? 'resubmitted' : 'submitted',
              changes: [
                change('period', null, report.period),
                change('percent', null, report.percent),
                change('text', null, report.text),
                change(
                  'files',
                  null,
                  staged.map((f) => ({ name: f.fileName, sha256: f.sha256, size: f.sizeBytes })),
                ),
              ],
            },
          ],
          em,
        );
        await this.statuses.recompute({ itemIds: [itemId] }, em);
        // Last step before COMMIT: a failed move rolls the rows back; a failed COMMIT is cleaned up below.
        await this.files.commit(staged);
        emit({
          type: 'report.submitted',
          itemId,
          departmentId: assignment.departmentId,
          reportId: report.id,
        });
        return report.id;
      });
      return this.getView(id);
    } catch (error) {
      await this.files.discard(staged);
      if ((error as { code?: string }).code === '23505') {
        throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.previous_report_pending'));
      }
      throw error;
    }
  }

  async review(user: Actor, reportId: string, dto: ReviewReportDto, source: string): Promise<ReviewOutcome> {
    if (dto.decision === 'return' && !dto.comment?.trim()) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('supervision.return_needs_comment'), [
        { field: 'comment', problems: [msg('supervision.comment_required_on_return')] },
      ]);
    }
    const closed = await inPlanTransaction(this.dataSource, this.events, async (em, emit) => {
      const report = await this.findVisible(user, reportId, em, true);
      const item = await this.items.getVisible(user, report.itemId, em);
      await this.scope.assertCanReviewItem(user, item, em);
      if (report.state !== 'submitted') {
        throw new DomainError(
          ErrorCode.INVALID_STATE,
          msg('supervision.report_already_reviewed', {
            state: msg(
              report.state === 'approved'
                ? 'supervision.report_state_approved'
                : 'supervision.report_state_returned',
            ),
          }),
        );
      }
      const now = this.clock.now();
      const state: ProgressReportState = dto.decision === 'approve' ? 'approved' : 'returned';
      await em
        .getRepository(ProgressReport)
        .update(
          { id: report.id },
          { state, reviewedByUserId: user.id, reviewedAt: now, reviewComment: dto.comment?.trim() || null },
        );
      await this.audit.record(
        [
          {
            actor: userActor(user),
            source,
            entityType: 'progress_report',
            entityId: report.id,
            itemId: report.itemId,
            action: state,
            changes: [change('state', 'submitted', state), change('comment', null, dto.comment ?? null)],
          },
        ],
        em,
      );
      await this.statuses.recompute({ itemIds: [report.itemId] }, em);
      emit({
        type: 'report.reviewed',
        itemId: report.itemId,
        departmentId: report.departmentId,
        reportId: report.id,
        decision: state === 'approved' ? 'approved' : 'returned',
      });
      if (state !== 'approved') return false;
      const locked = await this.lockItem(em, report.itemId);
      if ((await this.closure.blockers(locked, em)).length > 0) return false;
      await this.closure.close(locked, user, 'on-approval', source, em, emit);
      return true;
    });
    return { report: await this.getView(reportId), itemClosed: closed };
  }

  async forItem(user: ScopedUser, itemId: string): Promise<ReportView[]> {
    await this.items.getVisible(user, itemId);
    return this.views({ itemId });
  }

  /** Reports in a state (the review queue: submitted), across the items the user sees, oldest first. */
  async queue(user: ScopedUser, state: ProgressReportState): Promise<ReportView[]> {
    // The queue of what the user reviews: items of plans issued in their area (PlanScope.assertCanReviewItem).
    const area = await this.scope.area(user);
    if (area !== null && area.length === 0) return [];
    return this.views({ state, regions: area ?? undefined });
  }

  /** A report's file, for download by anyone who sees the item. */
  async openFile(
    user: ScopedUser,
    reportId: string,
    fileId: string,
  ): Promise<{ file: ReportFile; stream: Readable }> {
    const report = await this.findVisible(user, reportId, this.dataSource.manager, false);
    const file = await this.dataSource
      .getRepository(ReportFile)
      .findOneBy({ id: fileId, reportId: report.id });
    if (!file) throw new DomainError(ErrorCode.NOT_FOUND, msg('supervision.file_not_found', { id: fileId }));
    return { file, stream: await this.files.open(file.storageKey) };
  }

  async getView(id: string): Promise<ReportView> {
    const [view] = await this.views({ id });
    if (!view) throw new DomainError(ErrorCode.NOT_FOUND, msg('supervision.report_not_found', { id }));
    return view;
  }

  private async lockItem(em: EntityManager, id: string): Promise<PlanItem> {
    return em
      .getRepository(PlanItem)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id', { id })
      .getOneOrFail();
  }

  private async findVisible(
    user: ScopedUser,
    reportId: string,
    em: EntityManager,
    lock: boolean,
  ): Promise<ProgressReport> {
    const qb = em
      .getRepository(ProgressReport)
      .createQueryBuilder('r')
      .where('r.id = :reportId', { reportId });
    if (lock) qb.setLock('pessimistic_write');
    const report = await qb.getOne();
    if (!report)
      throw new DomainError(ErrorCode.NOT_FOUND, msg('supervision.report_not_found', { id: reportId }));
    await this.items
      .getVisible(user, report.itemId, em)
      .catch(
        replaceNotFound(
          () => new DomainError(ErrorCode.NOT_FOUND, msg('supervision.report_not_found', { id: reportId })),
        ),
      );
    return report;
  }

  private async views(filter: {
    id?: string;
    itemId?: string;
    state?: ProgressReportState;
    regions?: string[];
  }): Promise<ReportView[]> {
    const qb = this.dataSource
      .getRepository(ProgressReport)
      .createQueryBuilder('r')
      .innerJoin('r.assignment', 'a')
      .innerJoin('r.department', 'd')
      .innerJoin('r.item', 'i')
      .innerJoin('i.plan', 'p')
      .leftJoin('r.submittedBy', 'su')
      .leftJoin('r.reviewedBy', 'ru')
      .select('r')
      .addSelect(['a.role', 'd.name', 'su.name', 'ru.name', 'i.ref', 'i.title', 'i.planId']);
    if (filter.id) qb.andWhere('r.id = :id', { id: filter.id });
    if (filter.itemId) qb.andWhere('r.item_id = :itemId', { itemId: filter.itemId });
    if (filter.state) qb.andWhere('r.state = :state', { state: filter.state });
    if (filter.regions) qb.andWhere('p.region_code IN (:...regions)', { regions: filter.regions });
    qb.orderBy('r.submitted_at', filter.state ? 'ASC' : 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(500);
    const rows = await qb.getMany();
    // Asked also for an empty page (ANY of no ids): a request's statements do not depend on what it finds.
    const files = await this.dataSource
      .getRepository(ReportFile)
      .createQueryBuilder('f')
      .where('f.report_id = ANY(:ids::uuid[])', { ids: rows.map((r) => r.id) })
      .orderBy('f.created_at')
      .addOrderBy('f.file_name')
      .getMany();
    return rows.map((r) => ({
      id: r.id,
      itemId: r.itemId,
      departmentId: r.departmentId,
      departmentName: r.department?.name ?? '',
      role: r.assignment?.role ?? 'lead',
      period: r.period,
      text: r.text,
      percent: r.percent,
      state: r.state,
      previousId: r.previousId,
      submittedBy: { id: r.submittedByUserId, name: r.submittedBy?.name ?? null },
      submittedAt: r.submittedAt,
      reviewedBy: r.reviewedAt ? { id: r.reviewedByUserId, name: r.reviewedBy?.name ?? null } : null,
      reviewedAt: r.reviewedAt,
      reviewComment: r.reviewComment,
      files: files
        .filter((f) => f.reportId === r.id)
        .map((f) => ({
          id: f.id,
          fileName: f.fileName,
          contentType: f.contentType,
          sizeBytes: f.sizeBytes,
          sha256: f.sha256,
        })),
      item: r.item
        ? { id: r.itemId, ref: r.item.ref, title: r.item.title, planId: r.item.planId }
        : undefined,
    }));
  }
}
