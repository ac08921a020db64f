import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ASSIGNMENT_ROLES, type AssignmentRole } from './assignment.entity';
import {
  type Comparator,
  COMPARATORS,
  INDICATOR_IDS,
  ITEM_KINDS,
  type ItemKind,
  TARGET_QUALIFIERS,
  TARGET_REFERENCES,
  TARGET_UNITS,
  type TargetQualifier,
  type TargetReference,
  type TargetUnit,
} from './plan-file.schema';

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Which units a counted metric counts (大班额: classes of ≥ 56 pupils). */
export class TargetBoundDto {
  @ApiProperty({ enum: COMPARATORS }) @IsIn(COMPARATORS) comparator!: Comparator;
  @ApiProperty() @IsNumber() value!: number;
  @ApiProperty({ enum: TARGET_UNITS }) @IsIn(TARGET_UNITS) unit!: TargetUnit;
}

export class ItemTargetDto {
  @ApiProperty() @IsString() @MaxLength(200) metric!: string;
  @ApiProperty({ enum: COMPARATORS }) @IsIn(COMPARATORS) comparator!: Comparator;
  /** null only with a `reference` (高于上年, 不低于省定基准) */
  @ApiProperty({ nullable: true })
  @ValidateIf((t: ItemTargetDto) => !t.reference || t.value != null)
  @IsNumber()
  value!: number | null;
  @ApiPropertyOptional({ nullable: true, enum: TARGET_REFERENCES })
  @IsOptional()
  @IsIn(TARGET_REFERENCES)
  reference?: TargetReference | null;
  @ApiPropertyOptional({ nullable: true, enum: TARGET_QUALIFIERS })
  @IsOptional()
  @IsIn(TARGET_QUALIFIERS)
  qualifier?: TargetQualifier | null;
  @ApiPropertyOptional({ nullable: true, type: TargetBoundDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TargetBoundDto)
  counted_if?: TargetBoundDto | null;
  @ApiProperty({ enum: TARGET_UNITS }) @IsIn(TARGET_UNITS) unit!: TargetUnit;
  @ApiProperty() @IsString() @MaxLength(200) scope!: string;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Matches(ISO_DATE)
  due?: string | null;
  @ApiPropertyOptional({ nullable: true, enum: INDICATOR_IDS })
  @IsOptional()
  @IsIn(INDICATOR_IDS)
  indicator?: string | null;
  @ApiProperty() @IsString() @MaxLength(2000) text!: string;
}

/** Fields an office may change on an item; absent fields stay, null clears a nullable one. */
export class UpdateItemDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(500) title?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(20000)
  body?: string | null;

  @ApiPropertyOptional({ enum: ITEM_KINDS }) @IsOptional() @IsIn(ITEM_KINDS) kind?: ItemKind;

  @ApiPropertyOptional({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(ISO_DATE, { message: 'startOn must be a date YYYY-MM-DD' })
  startOn?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'original due date, YYYY-MM-DD' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(ISO_DATE, { message: 'dueOn must be a date YYYY-MM-DD' })
  dueOn?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(200)
  dueText?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: INDICATOR_IDS })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIn(INDICATOR_IDS)
  indicator?: string | null;

  @ApiPropertyOptional({ type: [ItemTargetDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ItemTargetDto)
  targets?: ItemTargetDto[];
}

export class NewAssignmentDto {
  @ApiProperty() @IsUUID() departmentId!: string;
  @ApiProperty({ enum: ASSIGNMENT_ROLES }) @IsIn(ASSIGNMENT_ROLES) role!: AssignmentRole;
}

export class CreateItemDto extends UpdateItemDto {
  @ApiProperty({ description: 'stable id within the plan, e.g. "四.(九)"' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  ref!: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) declare title: string;

  @ApiProperty({ enum: ITEM_KINDS }) @IsIn(ITEM_KINDS) declare kind: ItemKind;

  @ApiPropertyOptional({ description: 'number as written (一 / (一) / 1.)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  number?: string;

  @ApiPropertyOptional({ description: 'parent item in the same plan' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ description: 'source sentence(s); defaults to the title' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  excerpt?: string;

  @ApiPropertyOptional({ type: [NewAssignmentDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => NewAssignmentDto)
  assignments?: NewAssignmentDto[];
}

export class CancelItemDto {
  @ApiPropertyOptional({ description: 'why (kept in the history)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** One department's own 办理时限 on an item (null: follow the item's date). */
export class AssignmentDueDto {
  @ApiProperty() @IsUUID() departmentId!: string;

  @ApiProperty({ nullable: true, example: '2026-12-31' })
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Matches(ISO_DATE, { message: 'dueOn must be a date YYYY-MM-DD or null' })
  dueOn!: string | null;
}

/** 批量补填办理时限: the same date for every listed item that has none. */
export class MissingDeadlinesDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  itemIds!: string[];

  @ApiProperty({ example: '2026-12-31' })
  @IsString()
  @Matches(ISO_DATE, { message: 'dueOn must be a date YYYY-MM-DD' })
  dueOn!: string;
}

export class RemoveAssignmentQuery {
  @ApiProperty({ description: 'department whose assignment is removed' })
  @IsUUID()
  department!: string;
}
