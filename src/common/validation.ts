import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { type Message, type MessageKey, isMessageKey, msg } from './i18n/catalog';
import { DomainError, ErrorCode } from './domain-error';

/** One invalid field of a request: its path as the client sent it, and what is wrong, as messages. */
export interface FieldProblems {
  field: string;
  problems: Message[];
}

/**
 * The text for each class-validator constraint. class-validator's own texts are English ("limit must not be
 * greater than 200"); a zh-CN reader gets these instead, with the field named as the office names it.
 */
const CONSTRAINT_MESSAGES: Record<string, MessageKey> = {
  isDefined: 'validation.is_defined',
  isNotEmpty: 'validation.is_not_empty',
  isString: 'validation.is_string',
  isInt: 'validation.is_int',
  isNumber: 'validation.is_number',
  isNumberString: 'validation.is_number',
  isPositive: 'validation.is_positive',
  isBoolean: 'validation.is_boolean',
  isBooleanString: 'validation.is_boolean',
  isArray: 'validation.is_array',
  isObject: 'validation.is_object',
  isUuid: 'validation.is_uuid',
  isUUID: 'validation.is_uuid',
  isEmail: 'validation.is_email',
  isIn: 'validation.is_in',
  isEnum: 'validation.is_in',
  isDateString: 'validation.is_date',
  isIso8601: 'validation.is_date',
  isISO8601: 'validation.is_date',
  isDate: 'validation.is_date',
  min: 'validation.min',
  max: 'validation.max',
  minLength: 'validation.min_length',
  maxLength: 'validation.max_length',
  isLength: 'validation.length',
  arrayMinSize: 'validation.array_min_size',
  arrayNotEmpty: 'validation.array_min_size',
  arrayMaxSize: 'validation.array_max_size',
  nestedValidation: 'validation.nested',
  whitelistValidation: 'validation.not_allowed',
};

/** `dueOn` → `validation.field.due_on` (catalog keys are snake_case). */
function labelKey(name: string): string {
  return `validation.field.${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}`;
}

/** A field's name for people: its label, or — for a name the API does not know — the name as sent. */
function nameOf(name: string): Message {
  const key = labelKey(name);
  return isMessageKey(key) ? msg(key) : msg('validation.field.unknown', { name });
}

/**
 * A field path (`dueOn`, `targets.0.value`, `body.items[1].title`) for people: `目标要求第1项的数值`. The
 * request part (`body`, `query`, `params`) the input-text check puts first is left out.
 */
export function fieldLabel(path: string): Message {
  const segments = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
  if (segments.length > 1 && ['body', 'query', 'params'].includes(segments[0])) segments.shift();
  let label: Message | null = null;
  for (const segment of segments) {
    if (/^\d+$/.test(segment) && label) {
      label = msg('validation.field.item_of', { list: label, index: Number(segment) + 1 });
    } else {
      const own = nameOf(segment);
      label = label ? msg('validation.field.member_of', { parent: label, field: own }) : own;
    }
  }
  return label ?? nameOf(path);
}

/** The recognisable formats a `@Matches` pattern stands for, tried on a sample of each. */
const FORMATS: Array<{ sample: string; key: MessageKey }> = [
  { sample: '2026-12-05', key: 'validation.is_date' },
  { sample: '140700', key: 'validation.matches.region_code' },
];
const FIELD_FORMATS: Record<string, MessageKey> = {
  period: 'validation.matches.period',
  phone: 'validation.matches.phone',
  school_code: 'validation.matches.school_code',
};

interface ConstraintFacts {
  constraints: unknown[];
  each: boolean;
}

/** The declared arguments of a field's constraint (the 200 of `@Max(200)`), from class-validator's metadata. */
function constraintFacts(target: object | undefined, property: string, name: string): ConstraintFacts {
  if (!target) return { constraints: [], each: false };
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && (m.name === name || m.type === name));
  return { constraints: metadata?.constraints ?? [], each: metadata?.each === true };
}

function problemOf(error: ValidationError, constraint: string, field: Message, leaf: string): Message {
  const facts = constraintFacts(error.target, error.property, constraint);
  const subject = facts.each ? msg('validation.field.each_of', { field }) : field;
  const [first, second] = facts.constraints;
  const number = (v: unknown) => (typeof v === 'number' ? v : null);
  if (constraint === 'matches') {
    const pattern = first instanceof RegExp ? first : null;
    const known = FIELD_FORMATS[leaf] ?? FORMATS.find((f) => pattern?.test(f.sample))?.key;
    return msg(known ?? 'validation.matches', { field: subject });
  }
  const key = CONSTRAINT_MESSAGES[constraint] ?? 'validation.invalid';
  switch (constraint) {
    case 'min':
    case 'minLength':
    case 'arrayMinSize':
      return msg(key, { field: subject, min: number(first) });
    case 'max':
    case 'maxLength':
    case 'arrayMaxSize':
      return msg(key, { field: subject, max: number(first) });
    case 'isLength':
      return msg(key, { field: subject, min: number(first), max: number(second) });
    case 'arrayNotEmpty':
      return msg(key, { field: subject, min: 1 });
    default:
      return msg(key, { field: subject });
  }
}

/** Every invalid field, nested ones with their path (`targets.0.value`), each problem a message. */
export function validationProblems(errors: ValidationError[], parent = ''): FieldProblems[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const label = fieldLabel(field);
    const own = e.constraints
      ? [
          {
            field,
            problems: Object.keys(e.constraints).map((c) => problemOf(e, c, label, e.property)),
          },
        ]
      : [];
    return own.concat(validationProblems(e.children ?? [], field));
  });
}

/** Several messages as one (`甲；乙；丙`), for the error's summary. */
export function listOf(messages: Message[]): Message | null {
  if (messages.length === 0) return null;
  return messages
    .slice(0, -1)
    .reduceRight<Message>((rest, first) => msg('validation.list', { first, rest }), messages.at(-1)!);
}

/** The one VALIDATION_FAILED error for a list of invalid fields: a summary message and the fields in details. */
export function validationError(details: FieldProblems[]): DomainError {
  const summary = listOf(details.flatMap((d) => d.problems)) ?? msg('validation.invalid', { field: '' });
  return new DomainError(ErrorCode.VALIDATION_FAILED, msg('validation.failed', { summary }), details);
}

/** Rejects unknown fields and reports every invalid field at once, in the one error shape. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  // the target is kept so the constraints' arguments (the 200 of `@Max(200)`) can be read from the metadata
  validationError: { target: true, value: false },
  exceptionFactory: (errors) => validationError(validationProblems(errors)),
});
