/** Reads a cost table file (IO lives here so the planner stays pure). */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { projectPath } from '../../config/paths';
import { parseCostTable, type CostTable } from './cost-table';

export const DEFAULT_COST_TABLE_PATH = projectPath('config', 'indicators', 'costs.yaml');

/** Throws CostTableError (every problem listed, with the file name) or the read error. */
export async function loadCostTable(file: string = DEFAULT_COST_TABLE_PATH): Promise<CostTable> {
  return parseCostTable(await readFile(file, 'utf8'), path.basename(file));
}
