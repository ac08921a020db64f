/**
 * A catalog part: the Simplified Chinese texts (the product's language, and the source every other language
 * translates) and the English ones, with the same keys — the compiler refuses a part whose English lacks a key.
 * Texts are plain strings with `{name}` placeholders, so a translator edits text, not code.
 */
export function defineMessages<Z extends Record<string, string>>(
  zh: Z,
  en: { [K in keyof Z]: string },
): { 'zh-CN': Z; en: { [K in keyof Z]: string } } {
  return { 'zh-CN': zh, en };
}
