import type { Locale } from './locale';

/** The cookie that keeps the language a reader picked with the 中文 / English switch. */
export const LANG_COOKIE = 'duban_lang';

/**
 * The language a request is answered in: English only when the reader chose it (`?lang=en`, the language
 * switch's cookie, their account's setting); otherwise Simplified Chinese. A browser's Accept-Language is not
 * a choice (a government PC may well be set up in English), so it is not consulted.
 */
export function requestLocale(request: {
  query?: unknown;
  cookies?: Record<string, string | undefined>;
  user?: { locale?: Locale } | null;
}): Locale {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const chosen = query.lang ?? request.cookies?.[LANG_COOKIE];
  if (chosen === 'en') return 'en';
  if (chosen === 'zh' || chosen === 'zh-CN') return 'zh-CN';
  return request.user?.locale ?? 'zh-CN';
}
