import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { Roles } from '../access/access.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Role } from '../access/role.enum';
import { isCalendarDate } from '../common/calendar-date';
import { CalendarService } from './calendar.service';
import type { CalendarOverride, CalendarOverrideKind } from './working-calendar';

export class CalendarOverrideDto {
  @IsIn(['holiday', 'workday'])
  kind!: CalendarOverrideKind;

  @IsString()
  @Length(1, 100)
  name!: string;
}

function dateParam(date: string): string {
  if (!isCalendarDate(date)) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `日期格式应为 YYYY-MM-DD / Not a date: ${date}`);
  }
  return date;
}

/** The override table of the working calendar (local holidays, a notice chinese-days does not know yet). */
@ApiTags('calendar')
@Controller('calendar/overrides')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @Roles(Role.Admin)
  list(): Promise<CalendarOverride[]> {
    return this.calendar.list();
  }

  @Put(':date')
  @Roles(Role.Admin)
  put(@Param('date') date: string, @Body() body: CalendarOverrideDto): Promise<CalendarOverride> {
    return this.calendar.put({ date: dateParam(date), kind: body.kind, name: body.name } as CalendarOverride);
  }

  @Delete(':date')
  @Roles(Role.Admin)
  async remove(@Param('date') date: string): Promise<{ removed: boolean }> {
    return { removed: await this.calendar.remove(dateParam(date)) };
  }
}
