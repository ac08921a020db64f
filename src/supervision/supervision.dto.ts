import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ISO_DATE } from '../plans/item-editing.dto';
import { EXTENSION_STATES, type ExtensionState } from './extension-request.entity';
import { PROGRESS_REPORT_STATES, type ProgressReportState } from './progress-report.entity';

/** 'once', a year '2026', a half '2026-H1', a quarter '2026-Q3' or a month '2026-11'. */
export const PERIOD_KEY = /^(once|\d{4}(-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?)$/;

export class SubmitReportDto {
  @ApiProperty({
    description: "reporting period: 'once', '2026', '2026-H1', '2026-Q3' or '2026-11'",
    example: '2026-Q3',
  })
  @Matches(PERIOD_KEY, { message: "period must be 'once', YYYY, YYYY-H1/H2, YYYY-Q1..Q4 or YYYY-MM" })
  period!: string;

  @ApiProperty({ description: '办理情况 (what was done)' })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  text!: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  percent!: number;
}

export class ReviewReportDto {
  @ApiProperty({ enum: ['approve', 'return'] })
  @IsIn(['approve', 'return'])
  decision!: 'approve' | 'return';

  @ApiPropertyOptional({ description: 'required when returning' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
}

export class RequestExtensionDto {
  @ApiProperty({ description: '延期理由' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason!: string;

  @ApiProperty({ description: 'new due date (YYYY-MM-DD), after the current effective due date' })
  @Matches(ISO_DATE, { message: 'newDueOn must be a date YYYY-MM-DD' })
  newDueOn!: string;
}

export class DecideExtensionDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
}

export class ReportQueueQuery {
  @ApiPropertyOptional({ enum: PROGRESS_REPORT_STATES, default: 'submitted' })
  @IsOptional()
  @IsIn(PROGRESS_REPORT_STATES)
  status?: ProgressReportState;
}

export class ExtensionQueueQuery {
  @ApiPropertyOptional({ enum: EXTENSION_STATES, default: 'pending' })
  @IsOptional()
  @IsIn(EXTENSION_STATES)
  status?: ExtensionState;
}

/** A numbered 督办通知; without a date, the 反馈 deadline is three working days from today. */
export class IssueNoticeDto {
  @ApiPropertyOptional({ description: '反馈 deadline (YYYY-MM-DD)', example: '2026-12-10' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'replyDueOn must be a date YYYY-MM-DD' })
  replyDueOn?: string;
}

/** 催办: who (one department, or the late leads when absent) and what the office says. */
export class UrgeDto {
  @ApiPropertyOptional({ description: 'the department urged; default: the lead departments that are late' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiProperty({ description: '催办意见' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text!: string;
}

/** 反馈 on a 督办通知 (multipart with `files`, or JSON). */
export class NoticeReplyDto {
  @ApiProperty({ description: '反馈内容 (what was done, or why it is late)' })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  text!: string;
}

/** 联络人 of a department (empty fields clear them). */
export class DepartmentContactDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) name?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9+\-() ]{0,40}$/, { message: 'phone may contain digits, spaces, +, -, ( and )' })
  phone?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @ValidateIf((_o, v) => v !== '')
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;
}

/** The office's own mailbox for a region. */
export class OfficeMailboxDto {
  @ApiProperty({ example: '640100' })
  @Matches(/^\d{6}$/, { message: 'regionCode must be a 6-digit region code' })
  regionCode!: string;
  @ApiProperty() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email!: string;
  @ApiProperty({ example: '银川市义务教育优质均衡发展领导小组办公室' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;
}
