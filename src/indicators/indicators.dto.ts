import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';
import type { LedgerKind } from './engine';
import { LEDGER_KINDS } from './ledger-entry.entity';

const COUNTY_CODE = /^\d{6}$/;
const countyMessage = { message: 'must be a 6-digit county code' };

export class ImportsQuery {
  @ApiPropertyOptional({ example: '640181' })
  @IsOptional()
  @Matches(COUNTY_CODE, countyMessage)
  county?: string;

  @ApiPropertyOptional({ example: 2023 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2100)
  year?: number;
}

export class CountyYearParams {
  @ApiProperty({ example: '640181' })
  @Matches(COUNTY_CODE, countyMessage)
  code!: string;

  @ApiProperty({ example: 2023 })
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2100)
  year!: number;
}

export class LedgersQuery {
  @ApiPropertyOptional({ example: '640181' })
  @IsOptional()
  @Matches(COUNTY_CODE, countyMessage)
  county?: string;

  @ApiPropertyOptional({ enum: LEDGER_KINDS })
  @IsOptional()
  @IsIn(LEDGER_KINDS)
  kind?: LedgerKind;

  @ApiPropertyOptional({ description: 'true: open entries; false: closed (销号) entries; absent: both' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 5000, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

export class LedgerSummaryQuery {
  @ApiPropertyOptional({
    example: '640181',
    description: 'one point per import of the county; absent: one point per school year',
  })
  @IsOptional()
  @Matches(COUNTY_CODE, countyMessage)
  county?: string;
}

/**
 * The optional `year` form field of an upload (for data whose county table gives no 学年).
 * @throws DomainError VALIDATION_FAILED when it is not a 4-digit year
 */
export function uploadYear(value: string | undefined): number | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return undefined;
  if (!/^\d{4}$/.test(text)) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('indicators.bad_school_year', { value: text }), [
      { field: 'year', problems: [msg('indicators.bad_school_year.problem')] },
    ]);
  }
  return Number(text);
}
