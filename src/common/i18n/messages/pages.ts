import { defineMessages } from '../define';

/** The pages messages (keyed `pages.*`). */
export const pagesMessages = defineMessages({}, {});
