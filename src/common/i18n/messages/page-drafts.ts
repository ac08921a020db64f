import { defineMessages } from '../define';

/** The page texts keyed `drafts.*` (see README, "Languages and message catalogs"). */
export const draftsMessages = defineMessages({}, {});
