import { defineMessages } from '../define';

/** The page texts keyed `shell.*` (see README, "Languages and message catalogs"). */
export const shellMessages = defineMessages({}, {});
