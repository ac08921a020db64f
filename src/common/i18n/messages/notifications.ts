import { defineMessages } from '../define';

/** The notifications module's messages (errors, notes, sentences), keyed `notifications.*`. */
export const notificationsMessages = defineMessages({}, {});
