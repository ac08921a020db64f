import { redisDeadline } from '../queue/redis-deadline';
import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { IsIn, IsObject, IsOptional, IsUUID } from 'class-validator';
import type { DataSource } from 'typeorm';
import { Roles } from '../access/access.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import { QueueName, RemindersJob } from '../queue/queues';
import { Role } from '../access/role.enum';
import { GLOBAL_SCOPE_ID, POLICY_SCOPES, type PolicyScope } from './reminder-policy.entity';
import { reminderPolicyOverrideSchema, type ReminderPolicyOverride } from './reminder.policy';

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

interface PolicyView {
  scope: PolicyScope;
  scopeId: string;
  policy: ReminderPolicyOverride;
}

/** The stored reminder policy layers (global default, plan and item overrides); a change re-plans at once. */
@ApiTags('reminders')
@Controller('reminder-policies')
export class ReminderPoliciesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
  ) {}

  @Get()
  @Roles(Role.Admin, Role.Office)
  list(): Promise<PolicyView[]> {
    return this.dataSource.query(
      `SELECT scope, scope_id AS "scopeId", policy FROM reminder_policies ORDER BY scope, scope_id`,
    );
  }

  @Put()
  @Roles(Role.Admin, Role.Office)
  async put(@Body() body: ReminderPolicyDto): Promise<PolicyView> {
    const parsed = reminderPolicyOverrideSchema.safeParse(body.policy);
    if (!parsed.success) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        '提醒规则无效 / Invalid reminder policy',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      );
    }
    if (body.scope !== 'global' && !body.scopeId) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, '缺少 scopeId / scopeId is required');
    }
    const scopeId = body.scope === 'global' ? GLOBAL_SCOPE_ID : body.scopeId!;
    await this.dataSource.query(
      `INSERT INTO reminder_policies (scope, scope_id, policy) VALUES ($1, $2, $3)
       ON CONFLICT (scope, scope_id) DO UPDATE SET policy = $3, updated_at = now()`,
      [body.scope, scopeId, JSON.stringify(parsed.data)],
    );
    // Bounded: with Redis down the stored policy still applies (each reminder re-checks it when it fires, the
    // nightly replan reschedules).
    await redisDeadline(
      body.scope === 'item'
        ? this.queue.add(RemindersJob.RescheduleItem, { itemId: scopeId }, { removeOnComplete: true })
        : this.queue.add(RemindersJob.Replan, {}, { removeOnComplete: true }),
    ).catch(() => undefined);
    return { scope: body.scope, scopeId, policy: parsed.data };
  }
}
