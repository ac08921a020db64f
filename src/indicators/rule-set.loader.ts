/** Reads a rule set file (IO lives here so the engine stays pure). */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { projectPath } from '../config/paths';
import { parseRuleSet, type RuleSet } from './engine/rule-set';

/** The national rule set shipped with the project. */
export const DEFAULT_RULE_SET_PATH = projectPath('config', 'indicators', '2017.yaml');

/** Throws RuleSetError (every problem listed, with the file name) or the read error. */
export async function loadRuleSet(file: string = DEFAULT_RULE_SET_PATH): Promise<RuleSet> {
  const text = await readFile(file, 'utf8');
  return parseRuleSet(text, path.basename(file));
}
