import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length } from 'class-validator';
import { CurrentUser, Roles } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Role } from '../access/role.enum';
import { isCalendarDate } from '../common/calendar-date';
import { type CalendarCoverage, CalendarService } from './calendar.service';
import type { CalendarOverride, CalendarOverrideKind } from './working-calendar';
import { msg } from '../common/i18n/catalog';

export class CalendarOverrideDto {
  @IsIn(['holiday', 'workday'])
  kind!: CalendarOverrideKind;

  @IsString()
  @Length(1, 100)
  name!: string;
}

/** A State Council notice as lines: `2027-01-01..2027-01-03 元旦`; see `parseYearNotice`. */
export class YearNoticeDto {
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(10, 200, { each: true })
  holidays!: string[];

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(10, 200, { each: true })
  workdays!: string[];
}

function dateParam(date: string): string {
  if (!isCalendarDate(date)) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('calendar.date_invalid', { date }));
  }
  return date;
}

/** The override table of the working calendar (local holidays, a notice chinese-days does not know yet). */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** Which coming years fall back to Monday–Friday for lack of an official schedule. */
  @Get('coverage')
  @Roles(Role.Admin)
  coverage(): CalendarCoverage {
    return this.calendar.coverage();
  }

  /** One step: the year's holidays and make-up working days as the notice lists them; everything re-plans. */
  @Put('years/:year')
  @Roles(Role.Admin)
  putYear(
    @Param('year') year: string,
    @Body() body: YearNoticeDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CalendarCoverage> {
    if (!/^\d{4}$/.test(year)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('calendar.year_not_four_digits', { year }));
    }
    return this.calendar.putYear(Number(year), body, user.id);
  }

  @Get('overrides')
  @Roles(Role.Admin)
  list(): Promise<CalendarOverride[]> {
    return this.calendar.list();
  }

  @Put('overrides/:date')
  @Roles(Role.Admin)
  put(@Param('date') date: string, @Body() body: CalendarOverrideDto): Promise<CalendarOverride> {
    return this.calendar.put({ date: dateParam(date), kind: body.kind, name: body.name } as CalendarOverride);
  }

  @Delete('overrides/:date')
  @Roles(Role.Admin)
  async remove(@Param('date') date: string): Promise<{ removed: boolean }> {
    return { removed: await this.calendar.remove(dateParam(date)) };
  }
}
