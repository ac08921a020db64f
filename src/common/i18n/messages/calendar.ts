import { defineMessages } from '../define';

/** The calendar module's messages (errors, notes, sentences), keyed `calendar.*`. */
export const calendarMessages = defineMessages({}, {});
