import { defineMessages } from '../define';

/** The page texts keyed `items.*` (see README, "Languages and message catalogs"). */
export const itemsMessages = defineMessages({}, {});
