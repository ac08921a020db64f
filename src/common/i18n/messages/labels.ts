import { defineMessages } from '../define';

/** The labels module's messages (errors, notes, sentences), keyed `labels.*`. */
export const labelsMessages = defineMessages({}, {});
