import { defineMessages } from '../define';

/** The plans module's messages (errors, notes, sentences), keyed `plans.*`. */
export const plansMessages = defineMessages({}, {});
