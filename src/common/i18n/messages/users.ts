import { defineMessages } from '../define';

/** The users module's messages (errors, notes, sentences), keyed `users.*`. */
export const usersMessages = defineMessages({}, {});
