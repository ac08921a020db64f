import { defineMessages } from '../define';

/** The validation module's messages (errors, notes, sentences), keyed `validation.*`. */
export const validationMessages = defineMessages({}, {});
