/** The languages a reader can choose for pages and mail. */
export type Locale = 'zh-CN' | 'en';
