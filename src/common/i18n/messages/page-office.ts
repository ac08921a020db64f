import { defineMessages } from '../define';

/** The page texts keyed `office.*` (see README, "Languages and message catalogs"). */
export const officeMessages = defineMessages({}, {});
