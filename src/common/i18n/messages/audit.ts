import { defineMessages } from '../define';

/** The audit module's messages (errors, notes, sentences), keyed `audit.*`. */
export const auditMessages = defineMessages({}, {});
