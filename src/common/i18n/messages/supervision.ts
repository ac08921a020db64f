import { defineMessages } from '../define';

/** The supervision module's messages (errors, notes, sentences), keyed `supervision.*`. */
export const supervisionMessages = defineMessages({}, {});
