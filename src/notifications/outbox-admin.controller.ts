import { getQueueToken } from '@nestjs/bullmq';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { Roles } from '../access/access.decorators';
import { DeadlineExceeded } from '../common/deadline';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';
import { redisDeadline } from '../queue/redis-deadline';
import { QueueName } from '../queue/queues';
import { Role } from '../access/role.enum';
import { OUTBOX_STATUSES, type OutboxStatus } from './notification-outbox.entity';
import { OutboxService, type OutboxView } from './outbox.service';

/** What the admin looks for: creation time range, part of the address, part of the error. */
class OutboxFilterDto {
  /** created at or after (ISO 8601) */
  @IsOptional()
  @IsISO8601()
  from?: string;

  /** created before (ISO 8601) */
  @IsOptional()
  @IsISO8601()
  to?: string;

  @IsOptional()
  @IsString()
  @MaxLength(254)
  recipient?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  error?: string;
}

export class OutboxQueryDto extends OutboxFilterDto {
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  status?: OutboxStatus;
}

/** Bulk retry: the same filter; `status` is `dead` (default) or `failed`. */
export class OutboxRetryDto extends OutboxFilterDto {
  @IsOptional()
  @IsIn(['dead', 'failed'])
  status?: 'dead' | 'failed';
}

/**
 * The admin's view of outgoing mail (dead letters to retry) and of the queues. The queue view is a small JSON
 * summary rather than bull-board: bull-board mounts its own Fastify routes outside Nest, where our AccessGuard
 * (deny by default, roles, CSRF) does not run.
 */
@ApiTags('admin')
@Controller('admin')
export class OutboxAdminController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly moduleRef: ModuleRef,
  ) {}

  @Get('outbox')
  @Roles(Role.Admin)
  list(@Query() query: OutboxQueryDto): Promise<OutboxView[]> {
    return this.outbox.list(query);
  }

  /** Requeues every dead (or failed) message matching the filter, each with a fresh retry window. */
  @Post('outbox/retry')
  @HttpCode(200)
  @Roles(Role.Admin)
  retryMany(@Body() body: OutboxRetryDto): Promise<{ retried: number }> {
    return this.outbox.retryMany(body);
  }

  @Post('outbox/:id/retry')
  @Roles(Role.Admin)
  retry(@Param('id', ParseUUIDPipe) id: string): Promise<OutboxView> {
    return this.outbox.retry(id);
  }

  @Get('queues')
  @Roles(Role.Admin)
  async queues(): Promise<Array<{ name: string; counts: Record<string, number>; schedulers: string[] }>> {
    // A request never waits on Redis: past the deadline the admin is told Redis is not answering (503).
    return redisDeadline(
      Promise.all(
        Object.values(QueueName).map(async (name) => {
          const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
          const counts = await queue.getJobCounts(
            'waiting',
            'active',
            'delayed',
            'completed',
            'failed',
            'paused',
            'prioritized',
          );
          const schedulers = (await queue.getJobSchedulers()).map((s) => String(s.key));
          return { name, counts, schedulers };
        }),
      ),
      2000,
    ).catch((error: unknown) => {
      if (error instanceof DeadlineExceeded)
        throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, msg('notifications.queues_unavailable'));
      throw error;
    });
  }
}
