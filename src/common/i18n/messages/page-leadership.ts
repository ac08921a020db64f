import { defineMessages } from '../define';

/** The page texts keyed `leadership.*` (see README, "Languages and message catalogs"). */
export const leadershipMessages = defineMessages({}, {});
