import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ItemRef } from '../notifications/notification-templates';
import type { Recurrence } from '../plans/deadline-reading.policy';
import { assignmentEffectiveDueSql } from '../plans/assignment-deadline.policy';
import { GLOBAL_SCOPE_ID } from './reminder-policy.entity';
import type { ReminderPolicyOverride } from './reminder.policy';

/** What the reminder side reads about an item (one query for many items). */
export interface ItemFacts {
  id: string;
  planId: string;
  planTitle: string;
  planDocNumber: string | null;
  planRegionCode: string;
  ref: string;
  number: string;
  title: string;
  kind: string;
  status: string;
  startOn: string | null;
  dueOn: string | null;
  /** The item's effective date: the earliest of its open lead assignments (plans/assignment-deadline.policy). */
  effectiveDueOn: string | null;
  /** The distinct effective due dates of its active assignments (each department is reminded against its own). */
  assignmentDueDates: string[];
  extensionApprovedOn: string | null;
  backlogUntil: string | null;
  recurrence: Recurrence | null;
  indicator: string | null;
}

export interface ItemDepartment {
  itemId: string;
  departmentId: string;
  departmentName: string;
  regionCode: string;
  role: 'lead' | 'cooperate';
  acknowledged: boolean;
  /** This department's effective due date (assignmentEffectiveDueSql). */
  effectiveDueOn: string | null;
}

export const CLOSED_STATUSES = ['completed', 'cancelled'];

/** SQL: account `u` is group member `m` (same name, or the name followed by a bracketed post). */
const LEADER_NAME_MATCH = `(u.name = m.name OR u.name LIKE m.name || '（%' OR u.name LIKE m.name || '(%')`;

export function itemRef(item: ItemFacts, departmentName?: string): ItemRef {
  return {
    id: item.id,
    ref: item.ref,
    number: item.number,
    title: item.title,
    planTitle: item.planTitle,
    dueOn: item.effectiveDueOn,
    status: item.status,
    ...(departmentName ? { departmentName } : {}),
  };
}

/**
 * Every read the reminder side makes of other modules' tables, in one place, as set-based SQL (a replan of
 * 100,000 items cannot afford a service call per item). Writes to those tables never happen here.
 *
 * Who is a department's contact: its head (`departments.head_user_id`) and the users of the department with
 * the `dept_head` role; only active users that belong to a department (deactivated, deleted or unassigned
 * users receive nothing).
 */
@Injectable()
export class ReminderFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private itemSelect(where: string): string {
    return `
      SELECT i.id, i.plan_id AS "planId", p.title AS "planTitle", p.doc_number AS "planDocNumber",
             p.region_code AS "planRegionCode", i.ref, i.number, i.title, i.kind::text AS kind,
             i.status::text AS status, i.start_on::text AS "startOn", i.due_on::text AS "dueOn",
             COALESCE(i.extended_due_on, i.due_on)::text AS "effectiveDueOn",
             ARRAY(SELECT DISTINCT ${assignmentEffectiveDueSql('ad', 'i')}::text FROM assignments ad
                    WHERE ad.item_id = i.id AND ad.removed_at IS NULL
                      AND ${assignmentEffectiveDueSql('ad', 'i')} IS NOT NULL) AS "assignmentDueDates",
             ext.approved_on::text AS "extensionApprovedOn",
             s.backlog_until::text AS "backlogUntil", i.recurrence::text AS recurrence, i.indicator
        FROM plan_items i
        JOIN plans p ON p.id = i.plan_id
        LEFT JOIN reminder_item_states s ON s.item_id = i.id
        LEFT JOIN LATERAL (
          -- The approval that set the item's current date restarts its ladder; another department's does not.
          SELECT (e.decided_at AT TIME ZONE 'Asia/Shanghai')::date AS approved_on
            FROM extension_requests e
           WHERE e.item_id = i.id AND e.state = 'approved'
             AND e.requested_due_on = COALESCE(i.extended_due_on, i.due_on)
           ORDER BY e.decided_at DESC NULLS LAST LIMIT 1
        ) ext ON true
       WHERE ${where}`;
  }

  async items(ids: readonly string[]): Promise<ItemFacts[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query<ItemFacts[]>(this.itemSelect('i.id = ANY($1::uuid[])'), [ids]);
  }

  /** Open items with a due date (the ones that have reminders), in id order, paged by id. */
  async openItems(afterId: string | null, limit: number): Promise<ItemFacts[]> {
    return this.dataSource.query<ItemFacts[]>(
      `${this.itemSelect(
        `COALESCE(i.extended_due_on, i.due_on) IS NOT NULL AND i.status NOT IN ('completed', 'cancelled') AND ($1::uuid IS NULL OR i.id > $1)`,
      )} ORDER BY i.id LIMIT $2`,
      [afterId, limit],
    );
  }

  /** Open items with a due date that some active assignment holds. */
  async openAssignedItems(): Promise<ItemFacts[]> {
    return this.dataSource.query<ItemFacts[]>(
      this.itemSelect(
        `COALESCE(i.extended_due_on, i.due_on) IS NOT NULL AND i.status NOT IN ('completed', 'cancelled')
         AND EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.removed_at IS NULL)`,
      ),
    );
  }

  async departments(itemIds: readonly string[]): Promise<ItemDepartment[]> {
    if (itemIds.length === 0) return [];
    return this.dataSource.query<ItemDepartment[]>(
      `SELECT a.item_id AS "itemId", a.department_id AS "departmentId", d.name AS "departmentName",
              d.region_code AS "regionCode", a.role::text AS role, a.acknowledged_at IS NOT NULL AS acknowledged,
              ${assignmentEffectiveDueSql('a', 'i')}::text AS "effectiveDueOn"
         FROM assignments a JOIN departments d ON d.id = a.department_id JOIN plan_items i ON i.id = a.item_id
        WHERE a.item_id = ANY($1::uuid[]) AND a.removed_at IS NULL
        ORDER BY a.role, d.name`,
      [itemIds],
    );
  }

  /** Contacts per department: the head and the department's dept_head users (active, assigned). */
  async contacts(departmentIds: readonly string[]): Promise<Map<string, string[]>> {
    const byDepartment = new Map<string, string[]>(departmentIds.map((id) => [id, []]));
    if (departmentIds.length === 0) return byDepartment;
    const rows = await this.dataSource.query<Array<{ departmentId: string; userId: string }>>(
      `SELECT d.id AS "departmentId", u.id AS "userId"
         FROM departments d JOIN users u ON u.id = d.head_user_id
        WHERE d.id = ANY($1::uuid[]) AND u.is_active AND u.department_id IS NOT NULL
       UNION
       SELECT u.department_id, u.id FROM users u
        WHERE u.department_id = ANY($1::uuid[]) AND u.is_active AND u.role = 'dept_head'`,
      [departmentIds],
    );
    for (const row of rows) byDepartment.get(row.departmentId)?.push(row.userId);
    return byDepartment;
  }

  /** Departments a user is a contact of (head, or dept_head of the department). */
  async departmentsOfContact(userId: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT d.id FROM departments d JOIN users u ON u.id = $1
        WHERE u.is_active AND u.department_id IS NOT NULL
          AND (d.head_user_id = u.id OR (u.role = 'dept_head' AND u.department_id = d.id))`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  /** Every active user who is some department's contact. */
  async allContacts(): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT u.id FROM users u
        WHERE u.is_active AND u.department_id IS NOT NULL
          AND (u.role = 'dept_head' OR EXISTS (SELECT 1 FROM departments d WHERE d.head_user_id = u.id))`,
    );
    return rows.map((r) => r.id);
  }

  /**
   * Whether the department's report for `period` is in (submitted or approved). The one place that knows
   * where reports live: `progress_reports (item_id, department_id, period, state)`.
   */
  async isReportIn(itemId: string, departmentId: string, period: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM progress_reports
        WHERE item_id = $1 AND department_id = $2 AND period = $3 AND state IN ('submitted', 'approved') LIMIT 1`,
      [itemId, departmentId, period],
    );
    return rows.length > 0;
  }

  /** Latest reported percent of the item (any department's latest non-returned report); 0 when none. */
  async reportedPercent(itemIds: readonly string[]): Promise<Map<string, number>> {
    const map = new Map<string, number>();
    if (itemIds.length === 0) return map;
    const rows = await this.dataSource.query<Array<{ itemId: string; percent: number }>>(
      `SELECT DISTINCT ON (item_id) item_id AS "itemId", percent FROM progress_reports
        WHERE item_id = ANY($1::uuid[]) AND state IN ('submitted', 'approved')
        ORDER BY item_id, submitted_at DESC, created_at DESC`,
      [itemIds],
    );
    for (const row of rows) map.set(row.itemId, Number(row.percent));
    return map;
  }

  async policyLayers(
    planId: string,
    itemId: string,
  ): Promise<{
    global?: ReminderPolicyOverride;
    plan?: ReminderPolicyOverride;
    item?: ReminderPolicyOverride;
  }> {
    const rows = await this.dataSource.query<Array<{ scope: string; policy: ReminderPolicyOverride }>>(
      `SELECT scope, policy FROM reminder_policies
        WHERE (scope = 'global' AND scope_id = $3) OR (scope = 'plan' AND scope_id = $1) OR (scope = 'item' AND scope_id = $2)`,
      [planId, itemId, GLOBAL_SCOPE_ID],
    );
    return Object.fromEntries(rows.map((r) => [r.scope, r.policy]));
  }

  /** All plan and item overrides (for bulk planning), keyed `plan|id` / `item|id`, plus the global row. */
  async allPolicyLayers(): Promise<Map<string, ReminderPolicyOverride>> {
    const rows = await this.dataSource.query<
      Array<{ scope: string; scopeId: string; policy: ReminderPolicyOverride }>
    >(`SELECT scope, scope_id AS "scopeId", policy FROM reminder_policies`);
    return new Map(rows.map((r) => [`${r.scope}|${r.scopeId}`, r.policy]));
  }

  /**
   * The leadership group office of the plan: the office-role users of the office department — not the head of
   * the bureau that hosts the office (issue 13: a bureau head got the office's mail); when the plan names no
   * office department, the active office-role users of departments in the plan's region.
   */
  async officeUsers(planId: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `WITH office AS (SELECT g.office_department_id AS id FROM leadership_groups g WHERE g.plan_id = $1)
       SELECT u.id FROM users u JOIN departments d ON d.id = (SELECT id FROM office)
        WHERE u.is_active AND u.department_id = d.id AND u.role = 'office'
       UNION
       SELECT u.id FROM users u JOIN departments d ON d.id = u.department_id JOIN plans p ON p.id = $1
        WHERE u.is_active AND u.role = 'office' AND d.region_code = p.region_code
          AND NOT EXISTS (SELECT 1 FROM office WHERE id IS NOT NULL)`,
      [planId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The responsible leaders of the plan: the `leader`-role accounts of its leadership group's 组长 and 副组长.
   * Group members are names in the plan file, not accounts; an account is theirs when its name is the member's
   * name (optionally followed by a bracketed post, "李晓鹏（副组长）"), or when it sits in the member's department.
   * Leader accounts of a department in the plan's region count too (a plan without a group list).
   */
  async leaderUsers(planId: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT u.id FROM users u
        WHERE u.is_active AND u.role = 'leader' AND (
          EXISTS (SELECT 1 FROM leadership_groups g JOIN leadership_group_members m ON m.group_id = g.id
                   WHERE g.plan_id = $1 AND m.group_role IN ('leader', 'deputy_leader')
                     AND (${LEADER_NAME_MATCH} OR (m.department_id IS NOT NULL AND u.department_id = m.department_id)))
          OR EXISTS (SELECT 1 FROM departments d JOIN plans p ON p.id = $1
                      WHERE d.id = u.department_id AND d.region_code = p.region_code))`,
      [planId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The regions a leader's or office user's weekly summary covers: the subtrees of the plans they lead (as a
   * group's 组长/副组长) and of their own department's region. Null when neither is known (the summary then
   * covers everything, as the user's reading scope does).
   */
  async summaryRegions(userId: string): Promise<Set<string> | null> {
    const rows = await this.dataSource.query<Array<{ code: string }>>(
      `WITH RECURSIVE roots AS (
         SELECT p.region_code AS code FROM users u
           JOIN leadership_group_members m ON m.group_role IN ('leader', 'deputy_leader') AND ${LEADER_NAME_MATCH}
           JOIN leadership_groups g ON g.id = m.group_id JOIN plans p ON p.id = g.plan_id
          WHERE u.id = $1 AND u.role = 'leader'
         UNION
         SELECT d.region_code FROM users u JOIN departments d ON d.id = u.department_id WHERE u.id = $1
       ), tree AS (
         SELECT code FROM roots
         UNION
         SELECT r.code FROM regions r JOIN tree t ON r.parent_code = t.code
       )
       SELECT code FROM tree`,
      [userId],
    );
    return rows.length ? new Set(rows.map((r) => r.code)) : null;
  }

  async usersByRole(roles: readonly string[]): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM users WHERE is_active AND role::text = ANY($1::text[])`,
      [roles],
    );
    return rows.map((r) => r.id);
  }

  async setState(
    itemIds: readonly string[],
    change: { effectiveDueOn?: string; extensionApprovedOn?: string; backlogUntil?: string },
  ): Promise<void> {
    if (itemIds.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO reminder_item_states (item_id, effective_due_on, extension_approved_on, backlog_until)
       SELECT unnest($1::uuid[]), $2::date, $3::date, $4::date
       ON CONFLICT (item_id) DO UPDATE SET
         effective_due_on = COALESCE($2::date, reminder_item_states.effective_due_on),
         extension_approved_on = COALESCE($3::date, reminder_item_states.extension_approved_on),
         backlog_until = COALESCE($4::date, reminder_item_states.backlog_until),
         updated_at = now()`,
      [
        itemIds,
        change.effectiveDueOn ?? null,
        change.extensionApprovedOn ?? null,
        change.backlogUntil ?? null,
      ],
    );
  }

  /** Active assignments of open items with a due date held by these departments. */
  async assignmentsOfDepartments(departmentIds: readonly string[]): Promise<ItemDepartment[]> {
    if (departmentIds.length === 0) return [];
    return this.dataSource.query<ItemDepartment[]>(
      `SELECT a.item_id AS "itemId", a.department_id AS "departmentId", d.name AS "departmentName",
              d.region_code AS "regionCode", a.role::text AS role, a.acknowledged_at IS NOT NULL AS acknowledged,
              ${assignmentEffectiveDueSql('a', 'i')}::text AS "effectiveDueOn"
         FROM assignments a JOIN departments d ON d.id = a.department_id JOIN plan_items i ON i.id = a.item_id
        WHERE a.department_id = ANY($1::uuid[]) AND a.removed_at IS NULL
          AND ${assignmentEffectiveDueSql('a', 'i')} IS NOT NULL AND i.status NOT IN ('completed', 'cancelled')`,
      [departmentIds],
    );
  }

  /** Users with undigested digest entries. */
  async usersWithDigestEntries(): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ userId: string }>>(
      `SELECT DISTINCT user_id AS "userId" FROM digest_entries WHERE digested_at IS NULL`,
    );
    return rows.map((r) => r.userId);
  }

  /** Lead departments and counties of open items, for the leadership summary. */
  async leadAssignmentsOfOpenItems(): Promise<Array<ItemDepartment & { countyName: string | null }>> {
    return this.dataSource.query(
      `SELECT a.item_id AS "itemId", a.department_id AS "departmentId", d.name AS "departmentName",
              d.region_code AS "regionCode", a.role::text AS role, a.acknowledged_at IS NOT NULL AS acknowledged,
              ${assignmentEffectiveDueSql('a', 'i')}::text AS "effectiveDueOn",
              CASE WHEN r.level = 'county' THEN r.name END AS "countyName"
         FROM assignments a JOIN departments d ON d.id = a.department_id JOIN regions r ON r.code = d.region_code
         JOIN plan_items i ON i.id = a.item_id
        WHERE a.role = 'lead' AND a.removed_at IS NULL AND COALESCE(i.extended_due_on, i.due_on) IS NOT NULL
          AND i.status NOT IN ('completed', 'cancelled')`,
    );
  }
}
