import { defineMessages } from '../define';

/** The forms messages (keyed `forms.*`). */
export const formsMessages = defineMessages({}, {});
