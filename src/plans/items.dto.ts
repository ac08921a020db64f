import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from './assignment-status.policy';
import { ITEM_SORTS, type ItemSort } from './item-cursor';
import { ITEM_KINDS, type ItemKind } from './plan-file.schema';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** `a,b` or repeated `?x=a&x=b` → ['a', 'b'] */
const commaList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : typeof value === 'string' ? [value] : [])
    .flatMap((v: unknown) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);

/** Filters shared by the item lists (all items, overdue, due soon). */
export class ItemFilterQuery {
  @ApiPropertyOptional({ description: 'plan id' })
  @IsOptional()
  @IsUUID()
  plan?: string;

  @ApiPropertyOptional({ description: 'items with an active assignment of this department' })
  @IsOptional()
  @IsUUID()
  department?: string;

  @ApiPropertyOptional({
    description: '6-digit region code: items of plans issued there, or assigned to a department there',
    example: '640181',
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'region must be a 6-digit region code' })
  region?: string;

  @ApiPropertyOptional({ description: 'comma-separated kinds', enum: ITEM_KINDS, isArray: true })
  @IsOptional()
  @Transform(commaList)
  @IsIn(ITEM_KINDS, { each: true })
  kind?: ItemKind[];

  @ApiPropertyOptional({ description: 'Chinese text, Simplified or Traditional', example: '優質均衡' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ITEM_SORTS, default: 'due' })
  @IsOptional()
  @IsIn(ITEM_SORTS)
  sort?: ItemSort;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ListItemsQuery extends ItemFilterQuery {
  @ApiPropertyOptional({
    description: 'comma-separated statuses; cancelled items are listed only when asked for',
    enum: ASSIGNMENT_STATUSES,
    isArray: true,
  })
  @IsOptional()
  @Transform(commaList)
  @IsIn(ASSIGNMENT_STATUSES, { each: true })
  status?: AssignmentStatus[];

  @ApiPropertyOptional({ description: 'due on or before (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'dueBefore must be a date YYYY-MM-DD' })
  dueBefore?: string;

  @ApiPropertyOptional({ description: 'due on or after (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'dueAfter must be a date YYYY-MM-DD' })
  dueAfter?: string;

  @ApiPropertyOptional({ description: 'only open items with no 办理时限 at all (true)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'noDeadline must be true or false' })
  noDeadline?: 'true' | 'false';
}

export class DueSoonQuery extends ItemFilterQuery {
  @ApiPropertyOptional({
    description: 'working days ahead (today counts as 0)',
    minimum: 0,
    maximum: 250,
    default: 7,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(250)
  days?: number;
}
