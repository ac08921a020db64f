import { defineMessages } from '../define';

/** The evidence module's messages (errors, notes, sentences), keyed `evidence.*`. */
export const evidenceMessages = defineMessages({}, {});
