import { defineMessages } from '../define';

/** The extraction module's messages (errors, notes, sentences), keyed `extraction.*`. */
export const extractionMessages = defineMessages({}, {});
