import { defineMessages } from '../define';

/** The access module's messages (errors, notes, sentences), keyed `access.*`. */
export const accessMessages = defineMessages({}, {});
