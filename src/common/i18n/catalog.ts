import type { Locale } from '../locale';
import { accessMessages } from './messages/access';
import { auditMessages } from './messages/audit';
import { authMessages } from './messages/auth';
import { calendarMessages } from './messages/calendar';
import { commonMessages } from './messages/common';
import { contactsMessages } from './messages/contacts';
import { departmentsMessages } from './messages/departments';
import { evidenceMessages } from './messages/evidence';
import { extractionMessages } from './messages/extraction';
import { formsMessages } from './messages/forms';
import { indicatorsMessages } from './messages/indicators';
import { labelsMessages } from './messages/labels';
import { notificationsMessages } from './messages/notifications';
import { draftsMessages } from './messages/page-drafts';
import { itemsMessages } from './messages/page-items';
import { leadershipMessages } from './messages/page-leadership';
import { officeMessages } from './messages/page-office';
import { shellMessages } from './messages/page-shell';
import { plansMessages } from './messages/plans';
import { regionsMessages } from './messages/regions';
import { remindersMessages } from './messages/reminders';
import { statisticsMessages } from './messages/statistics';
import { supervisionMessages } from './messages/supervision';
import { usersMessages } from './messages/users';
import { validationMessages } from './messages/validation';
import { webMessages } from './messages/web';

/**
 * The message catalogs, one part per module (src/common/i18n/messages/). Why our own typed catalog and not
 * nestjs-i18n: the texts are needed where there is no Nest request context — the mail worker, the CLI, the
 * pure indicator engine — and a key missing in one language is a compile error here, not a runtime fallback.
 */
const PARTS = [
  commonMessages,
  validationMessages,
  labelsMessages,
  accessMessages,
  authMessages,
  usersMessages,
  auditMessages,
  regionsMessages,
  departmentsMessages,
  contactsMessages,
  calendarMessages,
  evidenceMessages,
  plansMessages,
  indicatorsMessages,
  statisticsMessages,
  extractionMessages,
  notificationsMessages,
  supervisionMessages,
  remindersMessages,
  webMessages,
  formsMessages,
  shellMessages,
  officeMessages,
  itemsMessages,
  leadershipMessages,
  draftsMessages,
] as const;

type Part = (typeof PARTS)[number];
type KeysOf<P> = P extends { 'zh-CN': infer Z } ? keyof Z & string : never;
export type MessageKey = KeysOf<Part>;

export const CATALOGS: Record<Locale, Record<MessageKey, string>> = {
  'zh-CN': Object.assign({}, ...PARTS.map((p) => p['zh-CN'])) as Record<MessageKey, string>,
  en: Object.assign({}, ...PARTS.map((p) => p.en)) as Record<MessageKey, string>,
};

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** A parameter: plain text, a number, or another message (a label) translated in the same language. */
export type MessageParam = string | number | null | undefined | Message;

/**
 * A message to show somebody: a catalog key and its parameters, rendered in the reader's language only when it
 * is shown. Plain JSON, so it can be stored (audit, outbox, closure blockers) and sent in an API error.
 */
export interface Message {
  key: MessageKey;
  params?: Record<string, MessageParam>;
}

export function msg(key: MessageKey, params?: Record<string, MessageParam>): Message {
  return params ? { key, params } : { key };
}

export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { key?: unknown }).key === 'string' &&
    (value as { key: string }).key in CATALOGS['zh-CN']
  );
}

export function isMessageKey(key: string): key is MessageKey {
  return key in CATALOGS['zh-CN'];
}

/** The text of a message in `locale`; `{name}` placeholders filled, a missing parameter left visible. */
export function translate(locale: Locale, message: Message | MessageKey, params?: Message['params']): string {
  const m: Message = typeof message === 'string' ? { key: message, params } : message;
  const template = CATALOGS[locale][m.key] ?? CATALOGS['zh-CN'][m.key] ?? m.key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = m.params?.[name];
    if (value === undefined) return whole;
    if (value === null) return '—';
    if (typeof value === 'object') return translate(locale, value);
    return String(value);
  });
}

/** A text that is either already plain (names, user input) or a message. */
export function textOf(locale: Locale, value: Message | string): string {
  return typeof value === 'string' ? value : translate(locale, value);
}

/** The placeholders of a template, for the catalog consistency test. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

/**
 * `details` of an error or a stored record with every `Message` inside rendered in `locale` (arrays and plain
 * objects walked; anything else kept as it is), so an API client gets readable text in one language.
 */
export function localizeDeep(locale: Locale, value: unknown, depth = 0): unknown {
  if (depth > 8) return value;
  if (isMessage(value)) return translate(locale, value);
  if (Array.isArray(value)) return value.map((v) => localizeDeep(locale, v, depth + 1));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        localizeDeep(locale, v, depth + 1),
      ]),
    );
  }
  return value;
}
