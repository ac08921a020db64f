import { redisDeadline } from '../queue/redis-deadline';
import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, Delete, Get, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { IsIn, IsObject, IsOptional, IsUUID } from 'class-validator';
import type { DataSource } from 'typeorm';
import { CurrentUser, Roles } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { PlanScope } from '../access/plan-scope';
import { AuditService, toAuditValue, userActor } from '../audit/audit.service';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg, translate } from '../common/i18n/catalog';
import { listOf } from '../common/validation';
import { QueueName, RemindersJob } from '../queue/queues';
import { Role } from '../access/role.enum';
import { GLOBAL_SCOPE_ID, POLICY_SCOPES, type PolicyScope } from './reminder-policy.entity';
import { policyProblems, reminderPolicyOverrideSchema, type ReminderPolicyOverride } from './reminder.policy';

export class ReminderPolicyDto {
  @IsIn(POLICY_SCOPES)
  scope!: PolicyScope;

  /** The plan or item id; omitted for the global policy. */
  @IsOptional()
  @IsUUID()
  scopeId?: string;

  @IsObject()
  policy!: Record<string, unknown>;
}

/** Which policy to delete: `?scope=plan&scopeId=<uuid>` (no scopeId for the global one). */
export class ReminderPolicyKeyDto {
  @IsIn(POLICY_SCOPES)
  scope!: PolicyScope;

  @IsOptional()
  @IsUUID()
  scopeId?: string;
}

interface PolicyView {
  scope: PolicyScope;
  scopeId: string;
  policy: ReminderPolicyOverride;
}

/**
 * The stored reminder policy layers (global default, plan and item overrides); a change re-plans at once. The
 * global policy is admin's; a plan's or an item's is changed by whoever manages the plan (PlanScope), and only
 * for a plan or item that exists.
 */
@ApiTags('reminders')
@Controller('reminder-policies')
export class ReminderPoliciesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
    private readonly scope: PlanScope,
    private readonly audit: AuditService,
  ) {}

  /** The global policy and the overrides of plans and items in the user's area. */
  @Get()
  @Roles(Role.Admin, Role.Office)
  async list(@CurrentUser() user: AuthenticatedUser): Promise<PolicyView[]> {
    const area = await this.scope.area(user);
    return this.dataSource.query(
      `SELECT rp.scope, rp.scope_id AS "scopeId", rp.policy FROM reminder_policies rp
        WHERE $1::text[] IS NULL OR rp.scope = 'global'
           OR (rp.scope = 'plan' AND EXISTS (SELECT 1 FROM plans p WHERE p.id::text = rp.scope_id AND p.region_code = ANY($1::text[])))
           OR (rp.scope = 'item' AND EXISTS (SELECT 1 FROM plan_items i JOIN plans p ON p.id = i.plan_id
                                             WHERE i.id::text = rp.scope_id AND p.region_code = ANY($1::text[])))
        ORDER BY rp.scope, rp.scope_id`,
      [area],
    );
  }

  @Put()
  @Roles(Role.Admin, Role.Office)
  async put(@CurrentUser() user: AuthenticatedUser, @Body() body: ReminderPolicyDto): Promise<PolicyView> {
    const parsed = reminderPolicyOverrideSchema.safeParse(body.policy);
    if (!parsed.success) {
      const details = policyProblems(parsed.error.issues);
      const summary =
        listOf(details.flatMap((d) => d.problems)) ??
        msg('validation.invalid', { field: msg('reminders.policy_global') });
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        msg('reminders.policy_invalid', { summary }),
        details,
      );
    }
    const scopeId = await this.authorize(user, body);
    const [before] = await this.dataSource.query<Array<{ policy: unknown }>>(
      'SELECT policy FROM reminder_policies WHERE scope = $1 AND scope_id = $2',
      [body.scope, scopeId],
    );
    await this.dataSource.query(
      `INSERT INTO reminder_policies (scope, scope_id, policy) VALUES ($1, $2, $3)
       ON CONFLICT (scope, scope_id) DO UPDATE SET policy = $3, updated_at = now()`,
      [body.scope, scopeId, JSON.stringify(parsed.data)],
    );
    await this.record(user, body.scope, scopeId, 'reminder_policy.set', before?.policy ?? null, parsed.data);
    await this.replan(body.scope, scopeId);
    return { scope: body.scope, scopeId, policy: parsed.data };
  }

  /** Removes an override (or resets the global policy to the built-in defaults); 404 when there is none. */
  @Delete()
  @Roles(Role.Admin, Role.Office)
  async remove(@CurrentUser() user: AuthenticatedUser, @Query() key: ReminderPolicyKeyDto): Promise<void> {
    const scopeId = await this.authorize(user, key);
    const [rows] = await this.dataSource.query<[Array<{ policy: unknown }>, number]>(
      'DELETE FROM reminder_policies WHERE scope = $1 AND scope_id = $2 RETURNING policy',
      [key.scope, scopeId],
    );
    if (!rows.length) {
      throw new DomainError(
        ErrorCode.NOT_FOUND,
        msg('reminders.policy_not_found', { scope: key.scope, scopeId }),
      );
    }
    await this.record(user, key.scope, scopeId, 'reminder_policy.deleted', rows[0]!.policy, null);
    await this.replan(key.scope, scopeId);
  }

  /**
   * The stored scope id, once the user may change that layer: global — admin; plan or item — one that exists
   * (400 otherwise) and whose plan the user manages (403).
   */
  private async authorize(
    user: AuthenticatedUser,
    key: { scope: PolicyScope; scopeId?: string },
  ): Promise<string> {
    if (key.scope === 'global') {
      this.scope.assertAdmin(user, translate('zh-CN', msg('reminders.policy_global')));
      return GLOBAL_SCOPE_ID;
    }
    if (!key.scopeId)
      throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('reminders.scope_id_missing'), [
        { field: 'scopeId', problems: [msg('reminders.scope_id_missing')] },
      ]);
    const [target] = await this.dataSource.query<Array<{ regionCode: string }>>(
      key.scope === 'plan'
        ? 'SELECT region_code AS "regionCode" FROM plans WHERE id = $1'
        : 'SELECT p.region_code AS "regionCode" FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = $1',
      [key.scopeId],
    );
    if (!target) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        msg(key.scope === 'plan' ? 'reminders.scope_not_plan' : 'reminders.scope_not_item', {
          scopeId: key.scopeId,
        }),
      );
    }
    await this.scope.assertCanManagePlan(user, target.regionCode);
    return key.scopeId;
  }

  private async record(
    user: AuthenticatedUser,
    scope: PolicyScope,
    scopeId: string,
    action: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.audit.record([
      {
        actor: userActor(user),
        entityType: 'reminder_policy',
        entityId: `${scope}:${scopeId}`.slice(0, 64),
        itemId: scope === 'item' ? scopeId : null,
        action,
        changes: [{ field: 'policy', before: toAuditValue(before), after: toAuditValue(after) }],
      },
    ]);
  }

  private async replan(scope: PolicyScope, scopeId: string): Promise<void> {
    // Bounded: with Redis down the stored policy still applies (each reminder re-checks it when it fires, the
    // nightly replan reschedules).
    await redisDeadline(
      scope === 'item'
        ? this.queue.add(RemindersJob.RescheduleItem, { itemId: scopeId }, { removeOnComplete: true })
        : this.queue.add(RemindersJob.Replan, {}, { removeOnComplete: true }),
    ).catch(() => undefined);
  }
}
