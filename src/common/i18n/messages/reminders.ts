import { defineMessages } from '../define';

/** The reminders module's messages (errors, notes, sentences), keyed `reminders.*`. */
export const remindersMessages = defineMessages({}, {});
