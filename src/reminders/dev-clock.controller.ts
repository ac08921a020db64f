import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { Roles } from '../access/access.decorators';
import { Clock } from '../common/clock';
import { Role } from '../access/role.enum';
import { RemindersRunner } from './reminders-runner.service';

export class DevClockDto {
  /** The instant to pretend it is; omitted = back to the real time. */
  @IsOptional()
  @IsISO8601()
  now?: string;
}

/**
 * Development only (not registered otherwise): time travel for the demo. Sets this process's Clock (the single
 * time source) to `now` and re-plans as of then, from the day it left: every reminder between the two days
 * is due at once (already-sent ones are dropped by their outbox keys), then the daily passes (escalation, report
 * requests, digests) run. Use DUBAN_ROLE=all (the demo).
 */
@ApiTags('dev')
@Controller('dev/clock')
export class DevClockController {
  private readonly realNow: () => Date;

  constructor(
    private readonly clock: Clock,
    private readonly runner: RemindersRunner,
  ) {
    this.realNow = clock.now.bind(clock);
  }

  @Post()
  @Roles(Role.Admin)
  async set(
    @Body() body: DevClockDto,
  ): Promise<{ now: string; replanned: unknown; promoted: number; daily: unknown }> {
    const previousToday = this.clock.today();
    if (body.now) {
      const offset = Date.parse(body.now) - this.realNow().getTime();
      this.clock.now = () => new Date(this.realNow().getTime() + offset);
    } else {
      this.clock.now = this.realNow;
    }
    const result = await this.runner.travel(previousToday);
    return { now: this.clock.now().toISOString(), ...result };
  }
}
