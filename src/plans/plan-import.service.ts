import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AssignmentRole } from './assignment.entity';
import type { AssignmentStatus } from './assignment-status.policy';
import { AssignmentsService, type AssignmentSyncReport } from './assignments.service';
import { type AuditActor, AuditService, diffFields, type NewAuditEntry } from '../audit/audit.service';
import type { AuditChange } from '../audit/audit-entry.entity';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode } from '../common/domain-error';
import { projectPath } from '../config/paths';
import { type DepartmentSpec, DepartmentsService } from '../departments/departments.service';
import { RegionsService } from '../regions/regions.service';
import { isTimeDerived } from './item-status.policy';
import { LeadershipGroup, LeadershipGroupMember } from './leadership-group.entity';
import {
  flattenPlanItems,
  parsePlanFile,
  planSourcePath,
  type PlanFile,
  type PlanFileItem,
  type PlanFileTarget,
} from './plan-file.schema';
import { type ItemIncentive, type ItemTarget, PlanItem } from './plan-item.entity';
import { PlanItemsService } from './plan-items.service';
import { PlanEvents } from './plan-events';
import { Plan } from './plan.entity';
import { normalizeSearchText } from '../common/text-normalization';
import { msg } from '../common/i18n/catalog';

export const PLANS_DIR = projectPath('config', 'plans');

export interface PlanImportOptions {
  actor: AuditActor;
  /** What caused the import, written to the audit log (`plans:import yinchuan-2021.yaml`). */
  source: string;
  /** sha256 of the file; computed from the parsed content when absent. */
  checksum?: string;
  /** The plan's full source text; when absent the stored one is kept. */
  sourceText?: string | null;
}

export type ChangeKind = 'created' | 'updated' | 'unchanged';

export interface PlanImportReport {
  planId: string;
  key: string;
  /** created on the first import; updated when anything stored changed; unchanged otherwise */
  plan: ChangeKind;
  /** the plan's own fields that changed (title, issuer …) */
  planFields: string[];
  items: { added: number; updated: number; cancelled: number; unchanged: number };
  assignments: AssignmentSyncReport;
  departments: { created: number };
  leadershipGroup: ChangeKind | 'removed' | 'none';
  /** refs and names behind the counts, for people reading the report */
  details: {
    itemsAdded: string[];
    itemsUpdated: string[];
    itemsCancelled: string[];
    departmentsCreated: string[];
  };
}

const PLAN_FIELDS = [
  'title',
  'docNumber',
  'issuer',
  'issuedOn',
  'regionCode',
  'implements',
  'sourceFile',
  'sourceScript',
] as const;
type PlanFields = Pick<Plan, (typeof PLAN_FIELDS)[number]>;

/** What an item says, as compared on re-import; position and derived columns are not content. */
const ITEM_FIELDS = [
  'parentId',
  'depth',
  'kind',
  'number',
  'title',
  'body',
  'excerpt',
  'startOn',
  'startText',
  'dueOn',
  'dueText',
  'recurrence',
  'indicator',
  'targets',
  'incentives',
] as const;
type ItemContent = Pick<PlanItem, (typeof ITEM_FIELDS)[number]>;

/** Rows per INSERT; an item row has ~24 parameters, far below PostgreSQL's 65535. */
const CHUNK = 500;

/** Targets with every key present in one order, so stored (jsonb reorders keys) and file targets compare. */
export function canonicalTargets(targets: readonly (PlanFileTarget | ItemTarget)[]): ItemTarget[] {
  return targets.map((t) => ({
    metric: t.metric,
    comparator: t.comparator,
    value: t.value,
    unit: t.unit,
    scope: t.scope,
    due: t.due ?? null,
    indicator: t.indicator ?? null,
    reference: t.reference ?? null,
    qualifier: t.qualifier ?? null,
    counted_if: t.counted_if
      ? { comparator: t.counted_if.comparator, value: t.counted_if.value, unit: t.counted_if.unit }
      : null,
    text: t.text,
  }));
}

/** Incentives with their keys in one order (see canonicalTargets). */
export function canonicalIncentives(incentives: readonly ItemIncentive[] = []): ItemIncentive[] {
  return incentives.map((i) => ({ amount: i.amount, unit: i.unit, scope: i.scope, text: i.text }));
}

function searchTextOf(item: Pick<PlanFileItem, 'title' | 'body' | 'excerpt'>): string {
  return normalizeSearchText([item.title, item.body ?? '', item.excerpt].join('\n'));
}

@Injectable()
export class PlanImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
    private readonly departments: DepartmentsService,
    private readonly assignments: AssignmentsService,
    private readonly items: PlanItemsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: PlanEvents,
  ) {}

  /**
   * Reads, checks and imports one plan file; the document named by `source.file` (a path relative to the plan
   * file, e.g. `sources/yinchuan-2021.txt`) is stored as the plan's full text when it exists.
   * @throws PlanFileError listing every problem of an invalid file (nothing is stored)
   */
  async importFile(path: string, options: { actor: AuditActor }): Promise<PlanImportReport> {
    const text = await readFile(path, 'utf8');
    const plan = parsePlanFile(text, basename(path));
    const sourcePath = planSourcePath(path, plan);
    return this.import(plan, {
      actor: options.actor,
      source: `plans:import ${basename(path)}`,
      checksum: createHash('sha256').update(text).digest('hex'),
      sourceText: existsSync(sourcePath) ? await readFile(sourcePath, 'utf8') : undefined,
    });
  }

  /**
   * Creates or updates a plan from its parsed file, in one transaction: a failure anywhere stores nothing.
   * Items are matched by ref and keep their ids (and so their progress and history); items gone from the
   * file are cancelled, not deleted; assignments are added and softly removed; the leadership group is
   * replaced in place. Every change is audited.
   */
  async import(file: PlanFile, options: PlanImportOptions): Promise<PlanImportReport> {
    const report = await this.importInTransaction(file, options);
    if (report.plan !== 'unchanged') this.events.nudge();
    return report;
  }

  private importInTransaction(file: PlanFile, options: PlanImportOptions): Promise<PlanImportReport> {
    return this.dataSource.transaction(async (manager) => {
      // Two imports of one plan at once would both insert its items; the second waits for the first.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plan-import:${file.key}`]);
      const context = { actor: options.actor, source: options.source };

      const missing = await this.regions.ensureKnown(
        [file.region, ...file.departments.map((d) => d.region)],
        context,
        manager,
      );
      if (missing.length) {
        throw new DomainError(
          ErrorCode.VALIDATION_FAILED,
          msg('plans.import_unknown_regions', { plan: file.key, codes: missing.join('、') }),
          { unknownRegions: missing },
        );
      }

      const { departmentsByRef, created } = await this.resolveDepartments(file, context, manager);
      const { plan, report } = await this.upsertPlan(file, options, manager);
      report.departments.created = created.length;
      report.details.departmentsCreated = created.map((d) => d.name);

      const itemIdsByRef = await this.upsertItems(plan.id, file, report, context, manager);
      report.assignments = await this.assignments.sync(
        this.desiredAssignments(file, itemIdsByRef, departmentsByRef),
        context,
        manager,
      );
      report.leadershipGroup = await this.syncLeadershipGroup(
        plan.id,
        file,
        departmentsByRef,
        context,
        manager,
      );

      const changed =
        report.plan === 'created' ||
        report.planFields.length > 0 ||
        report.items.added + report.items.updated + report.items.cancelled > 0 ||
        report.assignments.added + report.assignments.removed + report.assignments.changed > 0 ||
        report.departments.created > 0 ||
        !['unchanged', 'none'].includes(report.leadershipGroup);
      if (report.plan !== 'created') {
        report.plan = changed ? 'updated' : 'unchanged';
        await manager.getRepository(Plan).update(
          { id: plan.id },
          {
            importedAt: this.clock.now(),
            fileChecksum: options.checksum ?? plan.fileChecksum,
            ...(changed ? { version: plan.version + 1 } : {}),
          },
        );
      }
      await this.items.refreshStatuses({ planId: plan.id }, manager);
      if (report.plan !== 'unchanged') {
        // Written with the import (the plan-event outbox): reminders schedule the plan's items after the commit
        // and fold a past-due backlog into digests.
        const rows: Array<{ id: string }> = await manager.query(
          `SELECT id FROM plan_items WHERE plan_id = $1 AND status <> 'cancelled' ORDER BY position`,
          [plan.id],
        );
        await this.events.record(manager, [
          { type: 'plan.imported', planId: plan.id, itemIds: rows.map((r) => r.id) },
        ]);
      }
      return report;
    });
  }

  /** Department refs → department ids (several for an `expand` ref), creating missing departments. */
  private async resolveDepartments(
    file: PlanFile,
    context: { actor: AuditActor; source: string },
    manager: EntityManager,
  ) {
    const specs: DepartmentSpec[] = [];
    const refOfSpec: string[] = [];
    for (const d of file.departments) {
      const own: DepartmentSpec[] =
        d.expand === 'county_governments'
          ? await this.departments.countyGovernmentSpecs(d.region, manager)
          : [{ regionCode: d.region, name: d.name!, otherNames: [d.ref, ...d.aliases] }];
      if (own.length === 0) {
        throw new DomainError(
          ErrorCode.VALIDATION_FAILED,
          msg('plans.import_no_counties', { plan: file.key, ref: d.ref, region: d.region }),
        );
      }
      specs.push(...own);
      refOfSpec.push(...own.map(() => d.ref));
    }
    const { departments, created } = await this.departments.resolve(specs, context, manager);
    const departmentsByRef = new Map<string, string[]>();
    departments.forEach((department, n) => {
      const ids = departmentsByRef.get(refOfSpec[n]) ?? [];
      if (!ids.includes(department.id)) ids.push(department.id);
      departmentsByRef.set(refOfSpec[n], ids);
    });
    return { departmentsByRef, created };
  }

  private async upsertPlan(file: PlanFile, options: PlanImportOptions, manager: EntityManager) {
    const repo = manager.getRepository(Plan);
    const fields: PlanFields = {
      title: file.title,
      docNumber: file.doc_number,
      issuer: file.issuer,
      issuedOn: file.issued_on,
      regionCode: file.region,
      implements: file.implements,
      sourceFile: file.source.file,
      sourceScript: file.source.script,
    };
    const checksum = options.checksum ?? createHash('sha256').update(JSON.stringify(file)).digest('hex');
    const report: PlanImportReport = {
      planId: '',
      key: file.key,
      plan: 'unchanged',
      planFields: [],
      items: { added: 0, updated: 0, cancelled: 0, unchanged: 0 },
      assignments: { added: 0, removed: 0, changed: 0 },
      departments: { created: 0 },
      leadershipGroup: 'none',
      details: { itemsAdded: [], itemsUpdated: [], itemsCancelled: [], departmentsCreated: [] },
    };
    const entry = (id: string, action: string, changes: AuditChange[]): NewAuditEntry => ({
      actor: options.actor,
      source: options.source,
      entityType: 'plan',
      entityId: id,
      action,
      changes,
    });

    const existing = await repo.findOneBy({ key: file.key });
    if (!existing) {
      const plan = repo.create({
        id: randomUUID(),
        key: file.key,
        ...fields,
        sourceText: options.sourceText ?? null,
        fileChecksum: checksum,
        importedAt: this.clock.now(),
        version: 1,
      });
      await repo.insert(plan);
      await this.audit.record(
        [entry(plan.id, 'created', diffFields({} as PlanFields, fields, PLAN_FIELDS))],
        manager,
      );
      return { plan, report: { ...report, planId: plan.id, plan: 'created' as const } };
    }

    const changes = diffFields(existing, fields, PLAN_FIELDS);
    const sourceText = options.sourceText ?? existing.sourceText;
    if (sourceText !== existing.sourceText) {
      // The full text is long; the log says that it changed, not what it was.
      changes.push({
        field: 'sourceText',
        before: existing.sourceText?.length ?? null,
        after: sourceText?.length ?? null,
      });
    }
    if (changes.length) {
      await repo.update({ id: existing.id }, { ...fields, sourceText });
      await this.audit.record([entry(existing.id, 'updated', changes)], manager);
    }
    return {
      plan: existing,
      report: { ...report, planId: existing.id, planFields: changes.map((c) => c.field) },
    };
  }

  /**
   * Inserts new items and updates changed ones in one upsert per chunk (ids are chosen here, so children can
   * point at parents inserted in the same statement); cancels items the file no longer has.
   * @returns item id per ref of the file
   */
  private async upsertItems(
    planId: string,
    file: PlanFile,
    report: PlanImportReport,
    context: { actor: AuditActor; source: string },
    manager: EntityManager,
  ): Promise<Map<string, string>> {
    const repo = manager.getRepository(PlanItem);
    const existing = new Map((await repo.findBy({ planId })).map((i) => [i.ref, i]));
    const flat = flattenPlanItems(file.items);
    const idByRef = new Map(flat.map(({ item }) => [item.ref, existing.get(item.ref)?.id ?? randomUUID()]));
    const now = this.clock.now();
    // The flow's columns (extension, closure) are not the plan file's: an import never writes them.
    const rows: Array<
      Omit<PlanItem, 'createdAt' | 'plan' | 'parent' | 'extendedDueOn' | 'closedAt' | 'closedByUserId'>
    > = [];
    const audit: NewAuditEntry[] = [];
    const entry = (id: string, action: string, changes: AuditChange[]): NewAuditEntry => ({
      ...context,
      entityType: 'plan_item',
      entityId: id,
      itemId: id,
      action,
      changes,
    });

    flat.forEach(({ item, parentRef, depth }, position) => {
      const id = idByRef.get(item.ref)!;
      const content: ItemContent = {
        parentId: parentRef === null ? null : idByRef.get(parentRef)!,
        depth,
        kind: item.kind,
        number: item.number,
        title: item.title,
        body: item.body ?? null,
        excerpt: item.excerpt,
        startOn: item.start?.date ?? null,
        startText: item.start?.text ?? null,
        dueOn: item.due?.date ?? null,
        dueText: item.due?.text ?? null,
        recurrence: item.recurrence ?? null,
        indicator: item.indicator ?? null,
        targets: canonicalTargets(item.targets),
        incentives: canonicalIncentives(item.incentives),
      };
      const base = { id, planId, ref: item.ref, position, ...content, searchText: searchTextOf(item) };
      const before = existing.get(item.ref);
      if (!before) {
        report.items.added++;
        report.details.itemsAdded.push(item.ref);
        const status = this.items.deriveStatus(content);
        rows.push({ ...base, status, version: 1, cancelledAt: null, updatedAt: now });
        audit.push(entry(id, 'created', diffFields({} as ItemContent, content, ITEM_FIELDS)));
        return;
      }
      const changes = diffFields(
        {
          ...before,
          targets: canonicalTargets(before.targets),
          incentives: canonicalIncentives(before.incentives),
        },
        content,
        ITEM_FIELDS,
      );
      const reactivated = before.status === 'cancelled';
      if (changes.length || reactivated) {
        report.items.updated++;
        report.details.itemsUpdated.push(item.ref);
        // Workflow states (submitted, completed) survive an edit of the text; time-derived ones are re-read.
        const status: AssignmentStatus =
          reactivated || isTimeDerived(before.status) ? this.items.deriveStatus(content) : before.status;
        if (status !== before.status) changes.push({ field: 'status', before: before.status, after: status });
        rows.push({ ...base, status, version: before.version + 1, cancelledAt: null, updatedAt: now });
        audit.push(entry(id, reactivated ? 'restored' : 'updated', changes));
        return;
      }
      report.items.unchanged++;
      // Items above it were added or removed: the new place is stored, but is not a change of the item.
      if (before.position !== position) {
        rows.push({
          ...base,
          status: before.status,
          version: before.version,
          cancelledAt: before.cancelledAt,
          updatedAt: before.updatedAt,
        });
      }
    });

    const columns = [
      'parentId',
      'position',
      ...ITEM_FIELDS.filter((f) => f !== 'parentId'),
      'searchText',
      'status',
      'version',
      'cancelledAt',
      'updatedAt',
    ].map((f) => repo.metadata.findColumnWithPropertyName(f)!.databaseName);
    for (let i = 0; i < rows.length; i += CHUNK) {
      await repo
        .createQueryBuilder()
        .insert()
        .into(PlanItem)
        .values(rows.slice(i, i + CHUNK))
        .orUpdate(columns, ['plan_id', 'ref'])
        .updateEntity(false)
        .execute();
    }

    const gone = [...existing.values()].filter((i) => !idByRef.has(i.ref) && i.status !== 'cancelled');
    if (gone.length) {
      // Through the repository: bumps version and updated_at like any content change.
      await repo
        .createQueryBuilder()
        .update(PlanItem)
        .set({ status: 'cancelled', cancelledAt: now })
        .whereInIds(gone.map((i) => i.id))
        .execute();
      for (const i of gone) {
        report.items.cancelled++;
        report.details.itemsCancelled.push(i.ref);
        audit.push(
          entry(i.id, 'cancelled', [
            { field: 'status', before: i.status, after: 'cancelled' },
            { field: 'reason', before: null, after: 'no longer in the plan file' },
          ]),
        );
      }
    }
    await this.audit.record(audit, manager);
    return idByRef;
  }

  /** Item → department → role from the file; a department named both lead and cooperate leads. */
  private desiredAssignments(
    file: PlanFile,
    itemIdsByRef: ReadonlyMap<string, string>,
    departmentsByRef: ReadonlyMap<string, string[]>,
  ): Map<string, Map<string, AssignmentRole>> {
    const desired = new Map<string, Map<string, AssignmentRole>>();
    for (const { item } of flattenPlanItems(file.items)) {
      const wanted = new Map<string, AssignmentRole>();
      for (const ref of item.cooperate)
        for (const id of departmentsByRef.get(ref) ?? []) wanted.set(id, 'cooperate');
      for (const ref of item.lead) for (const id of departmentsByRef.get(ref) ?? []) wanted.set(id, 'lead');
      desired.set(itemIdsByRef.get(item.ref)!, wanted);
    }
    return desired;
  }

  /** Creates, replaces in place (same group id, members rewritten) or removes the plan's leadership group. */
  private async syncLeadershipGroup(
    planId: string,
    file: PlanFile,
    departmentsByRef: ReadonlyMap<string, string[]>,
    context: { actor: AuditActor; source: string },
    manager: EntityManager,
  ): Promise<PlanImportReport['leadershipGroup']> {
    const groups = manager.getRepository(LeadershipGroup);
    const members = manager.getRepository(LeadershipGroupMember);
    const existing = await groups.findOne({
      where: { planId },
      relations: { members: true },
      order: { members: { position: 'ASC' } },
    });
    const wanted = file.leadership_group ?? null;
    const single = (ref: string | null) => {
      const ids = ref === null ? [] : (departmentsByRef.get(ref) ?? []);
      return ids.length === 1 ? ids[0] : null; // an `expand` ref names several bodies: no single department
    };
    const entry = (id: string, action: string, changes: AuditChange[]): NewAuditEntry => ({
      ...context,
      entityType: 'leadership_group',
      entityId: id,
      action,
      changes,
    });
    const describe = (m: Pick<LeadershipGroupMember, 'name' | 'groupRole' | 'post'>) =>
      `${m.name}｜${m.groupRole}｜${m.post}`;

    if (!wanted) {
      if (!existing) return 'none';
      await groups.delete({ id: existing.id });
      await this.audit.record(
        [entry(existing.id, 'removed', [{ field: 'name', before: existing.name, after: null }])],
        manager,
      );
      return 'removed';
    }

    const fields = { name: wanted.name, officeDepartmentId: single(wanted.office_department) };
    const rows = wanted.members.map((m, position) => ({
      position,
      name: m.name,
      groupRole: m.group_role,
      post: m.post,
      departmentId: single(m.department),
    }));
    const groupId = existing?.id ?? randomUUID();
    const before = (existing?.members ?? []).map(({ position, name, groupRole, post, departmentId }) => ({
      position,
      name,
      groupRole,
      post,
      departmentId,
    }));
    const changes = diffFields(existing ?? ({} as typeof fields), fields, ['name', 'officeDepartmentId']);
    const membersChanged = JSON.stringify(before) !== JSON.stringify(rows);
    if (membersChanged)
      changes.push({
        field: 'members',
        before: (existing?.members ?? []).map(describe),
        after: rows.map(describe),
      });
    if (existing && changes.length === 0) return 'unchanged';

    if (existing) await groups.update({ id: groupId }, fields);
    else await groups.insert({ id: groupId, planId, ...fields });
    if (membersChanged) {
      await members.delete({ groupId });
      if (rows.length) await members.insert(rows.map((r) => ({ ...r, groupId })));
    }
    await this.audit.record([entry(groupId, existing ? 'updated' : 'created', changes)], manager);
    return existing ? 'updated' : 'created';
  }
}
