import { defineMessages } from '../define';

/** The departments module's messages (errors, notes, sentences), keyed `departments.*`. */
export const departmentsMessages = defineMessages({}, {});
