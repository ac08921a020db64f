import { defineMessages } from '../define';

/** The auth module's messages (errors, notes, sentences), keyed `auth.*`. */
export const authMessages = defineMessages({}, {});
