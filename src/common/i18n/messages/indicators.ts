import { defineMessages } from '../define';

/** The indicators module's messages (errors, notes, sentences), keyed `indicators.*`. */
export const indicatorsMessages = defineMessages({}, {});
