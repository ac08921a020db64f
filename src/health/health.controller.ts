import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../access/access.decorators';
import { HealthService, type HealthReport } from './health.service';

/**
 * Two questions for two callers. Liveness (`/health/live`, the image's HEALTHCHECK): does the process serve
 * HTTP? It touches no dependency, so an outage elsewhere never gets a working API restarted. Readiness
 * (`/health/ready`, a load balancer): can it serve requests? 503 when PostgreSQL or Redis is down; SMTP down
 * alone is `degraded` with 200 — mail waits in the outbox, and a mail outage must not take the API out of
 * rotation — with SMTP listed as down in the body.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Readiness under its original address (the same answer as `/health/ready`). */
  @Get()
  @Public()
  check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    return this.ready(reply);
  }

  @Get('ready')
  @Public()
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.report();
    void reply.status(report.status === 'down' ? 503 : 200);
    return report;
  }

  @Get('live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
