import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DomainError, ErrorCode } from './domain-error';
import { localizeDeep, translate } from './i18n/catalog';
import { latinWords } from './i18n/latin-words';
import { fieldLabel, validationPipe } from './validation';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

class TargetDto {
  @IsNumber() value!: number;
}

/** Fields named as the API names them, with the constraints the DTOs use. */
class ReportDto {
  @Matches(/^(once|\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?)$/, { message: 'period must be a period' })
  period!: string;
  @IsString() @IsNotEmpty() @MaxLength(20) text!: string;
  @IsInt() @Min(0) @Max(100) percent!: number;
  @Matches(ISO_DATE, { message: 'dueOn must be a date YYYY-MM-DD' }) dueOn!: string;
  @IsOptional() @Matches(/^\d{6}$/) regionCode?: string;
  @IsOptional() @IsIn(['approve', 'return']) decision?: string;
  @IsOptional() @MaxLength(5) comment?: string;
  @IsOptional() @IsUUID() departmentId?: string;
  @IsOptional() @IsEmail() email?: string;
  @IsOptional() @IsString({ each: true }) @Length(2, 5, { each: true }) holidays?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets?: TargetDto[];
}

async function failure(body: unknown): Promise<DomainError> {
  try {
    await validationPipe.transform(body, { type: 'body', metatype: ReportDto });
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the body was accepted');
}

const BAD = {
  period: '2026-Q5',
  text: '',
  percent: 120.5,
  dueOn: '2026-13-01',
  regionCode: '14',
  decision: 'maybe',
  comment: '这段说明超过了五个字',
  departmentId: 'x',
  email: 'not-mail',
  holidays: ['a'],
  targets: [{ value: 'many' }, { value: 2 }],
};

describe('validation errors in the reader’s language', () => {
  it('names every field and constraint in Chinese, with no Latin word for a zh-CN reader', async () => {
    const error = await failure(BAD);
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.text?.key).toBe('validation.failed');
    const zh = error.messageIn('zh-CN');
    expect(latinWords(zh)).toEqual([]);
    for (const words of [
      '期次格式不正确',
      '内容不能为空',
      '完成进度应为整数',
      '完成进度不能大于 100',
      '截止日期应为日期',
      '地区代码应为六位行政区划代码',
      '审核意见不是可选的值',
      '说明最多 5 个字',
      '部门不是有效的记录编号',
      '电子邮箱应为有效的电子邮箱地址',
      '放假安排中的每一项应为 2 至 5 个字',
      '目标要求第1项的数值应为数字',
      '目标要求最多 1 项',
    ]) {
      expect(zh).toContain(words);
    }
  });

  it('keeps details as fields with their problems, rendered per reader', async () => {
    const error = await failure(BAD);
    const details = error.details as Array<{ field: string; problems: unknown[] }>;
    expect(details.map((d) => d.field)).toEqual(
      expect.arrayContaining(['period', 'text', 'percent', 'dueOn', 'targets', 'targets.0.value']),
    );
    const percent = details.find((d) => d.field === 'percent')!;
    expect(percent.problems).toEqual(
      expect.arrayContaining([{ key: 'validation.max', params: { field: expect.anything(), max: 100 } }]),
    );
    const zh = localizeDeep('zh-CN', details) as Array<{ field: string; problems: string[] }>;
    expect(latinWords(JSON.stringify(zh.flatMap((d) => d.problems)))).toEqual([]);
    const en = localizeDeep('en', details) as Array<{ field: string; problems: string[] }>;
    expect(en.find((d) => d.field === 'percent')!.problems).toEqual(
      expect.arrayContaining(['percent must not be greater than 100', 'percent must be a whole number']),
    );
  });

  it('is plain English for an English reader', async () => {
    const en = (await failure(BAD)).messageIn('en');
    expect(en).toMatch(/^Invalid request: /);
    expect(en).toContain('dueOn must be a date YYYY-MM-DD');
    expect(en).toContain("targets item 1's value must be a number");
    expect(en).toContain('each value in holidays must have 2 to 5 characters');
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses an unknown field by name, and names unknown fields generically', async () => {
    const error = await failure({ ...BAD, extra: 1 });
    const extra = (error.details as Array<{ field: string; problems: unknown[] }>).find(
      (d) => d.field === 'extra',
    );
    expect(translate('zh-CN', extra!.problems[0] as never)).toBe('不接受字段“extra”，请删去该项');
    expect(translate('zh-CN', fieldLabel('body.items[1].dueOn'))).toBe('字段“items”第2项的截止日期');
    expect(translate('zh-CN', fieldLabel('query.limit'))).toBe('每页条数');
  });
});
