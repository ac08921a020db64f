import { indicatorMessage } from '../common/i18n/labels';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, change, userActor } from '../audit/audit.service';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { Clock } from '../common/clock';
import { EvidenceService, type ItemCompliance } from '../indicators/evidence/evidence.service';
import { ItemStatusService } from '../plans/item-status.service';
import type { PlanEvent } from '../plans/plan-events';
import { PlanItem } from '../plans/plan-item.entity';
import { type Message, msg } from '../common/i18n/catalog';

/** Why an item cannot be closed yet. */
export interface ClosureBlocker {
  code:
    | 'CANCELLED'
    | 'ALREADY_CLOSED'
    | 'NO_LEAD'
    | 'LEAD_REPORT_MISSING'
    | 'LEAD_NOT_APPROVED'
    | 'LEAD_NOT_COMPLETE'
    | 'COOPERATING_REPORT_MISSING'
    | 'COOPERATING_NOT_APPROVED'
    | 'INDICATOR_EVIDENCE_MISSING'
    | 'INDICATOR_EVIDENCE_FAILING';
  /** What blocks, for people: rendered in the reader's language where it is shown. */
  message: Message;
  departmentId?: string;
}

interface LatestRow {
  assignmentId: string;
  departmentId: string;
  departmentName: string;
  role: 'lead' | 'cooperate';
  state: 'submitted' | 'approved' | 'returned' | null;
  percent: number | null;
}

/**
 * 办结/销号: when an item may be closed, and closing it.
 *
 * An item is ready when every lead department's latest report is approved at 100 %, every cooperating
 * department's latest report is approved (a cooperating department is a co-owner), and — for an item linked to
 * an indicator — the latest indicator evidence passes (EvidenceService.complianceFor). Closing happens
 * automatically when the approval of a report makes the item ready; office, leader or admin close it with
 * POST /api/items/:id/close when it becomes ready otherwise (evidence arriving after the approvals).
 */
@Injectable()
export class ClosureService {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly statuses: ItemStatusService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async compliance(item: Pick<PlanItem, 'id' | 'indicator'>): Promise<ItemCompliance | null> {
    if (!item.indicator) return null;
    return (await this.evidence.complianceFor([item.id])).get(item.id) ?? null;
  }

  async blockers(
    item: Pick<PlanItem, 'id' | 'indicator' | 'cancelledAt' | 'closedAt'>,
    em: EntityManager,
  ): Promise<ClosureBlocker[]> {
    if (item.cancelledAt) return [{ code: 'CANCELLED', message: msg('supervision.blocker_cancelled') }];
    if (item.closedAt)
      return [{ code: 'ALREADY_CLOSED', message: msg('supervision.blocker_already_closed') }];
    const rows: LatestRow[] = await em.query(
      `SELECT a.id AS "assignmentId", a.department_id AS "departmentId", d.name AS "departmentName", a.role,
              r.state, r.percent
         FROM assignments a
         JOIN departments d ON d.id = a.department_id
         LEFT JOIN LATERAL (SELECT state, percent FROM progress_reports
                             WHERE assignment_id = a.id ORDER BY submitted_at DESC, created_at DESC, id DESC LIMIT 1) r ON TRUE
        WHERE a.item_id = $1 AND a.removed_at IS NULL
        ORDER BY a.role, d.name`,
      [item.id],
    );
    const out: ClosureBlocker[] = [];
    if (!rows.some((r) => r.role === 'lead')) {
      out.push({ code: 'NO_LEAD', message: msg('supervision.blocker_no_lead') });
    }
    for (const r of rows) {
      const who = { departmentId: r.departmentId };
      if (r.role === 'lead') {
        if (r.state === null) {
          out.push({
            ...who,
            code: 'LEAD_REPORT_MISSING',
            message: msg('supervision.blocker_lead_report_missing', { department: r.departmentName }),
          });
        } else if (r.state !== 'approved') {
          out.push({
            ...who,
            code: 'LEAD_NOT_APPROVED',
            message: msg('supervision.blocker_lead_not_approved', { department: r.departmentName }),
          });
        } else if (r.percent !== 100) {
          out.push({
            ...who,
            code: 'LEAD_NOT_COMPLETE',
            message: msg('supervision.blocker_lead_not_complete', {
              department: r.departmentName,
              percent: r.percent,
            }),
          });
        }
      } else if (r.state === null) {
        out.push({
          ...who,
          code: 'COOPERATING_REPORT_MISSING',
          message: msg('supervision.blocker_cooperating_report_missing', { department: r.departmentName }),
        });
      } else if (r.state !== 'approved') {
        out.push({
          ...who,
          code: 'COOPERATING_NOT_APPROVED',
          message: msg('supervision.blocker_cooperating_not_approved', { department: r.departmentName }),
        });
      }
    }
    const compliance = await this.compliance(item);
    if (item.indicator) {
      if (compliance?.passed === false) {
        out.push({
          code: 'INDICATOR_EVIDENCE_FAILING',
          message: msg('supervision.blocker_indicator_failing', {
            indicator: indicatorMessage(item.indicator),
          }),
        });
      } else if (compliance?.passed !== true) {
        out.push({
          code: 'INDICATOR_EVIDENCE_MISSING',
          message: msg('supervision.blocker_indicator_missing', {
            indicator: indicatorMessage(item.indicator),
          }),
        });
      }
    }
    return out;
  }

  /** Closes a locked item that has no blockers (the caller checked), audited, status recomputed. */
  async close(
    item: PlanItem,
    user: Pick<AuthenticatedUser, 'id' | 'name'>,
    how: 'manual' | 'on-approval',
    source: string,
    em: EntityManager,
    emit: (event: PlanEvent) => void,
  ): Promise<void> {
    const now = this.clock.now();
    await em.getRepository(PlanItem).update({ id: item.id }, { closedAt: now, closedByUserId: user.id });
    await this.audit.record(
      [
        {
          actor: userActor(user),
          source,
          entityType: 'plan_item',
          entityId: item.id,
          itemId: item.id,
          action: 'closed',
          changes: [
            change('closedAt', null, now),
            change('closedBy', null, user.name),
            change('how', null, how),
          ],
        },
      ],
      em,
    );
    await this.statuses.recompute({ itemIds: [item.id] }, em);
    emit({ type: 'item.closed', itemId: item.id });
  }
}
