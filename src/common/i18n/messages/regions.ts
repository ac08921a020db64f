import { defineMessages } from '../define';

/** The regions module's messages (errors, notes, sentences), keyed `regions.*`. */
export const regionsMessages = defineMessages({}, {});
