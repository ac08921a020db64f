import { readFileSync } from 'node:fs';
import { parseRegionFile } from '../src/regions/region-file.schema';
import { runCorpus } from './extract-corpus';
const REGIONS = parseRegionFile(readFileSync('config/regions/regions.yaml', 'utf8'));
runCorpus(REGIONS).then((runs) => {
  for (const r of runs) {
    console.log(`== ${r.name} ${JSON.stringify({i: r.score.items, d: r.score.departments, t: r.score.dates, s: r.score.schedule, n: r.score.docNumbers})}`);
    for (const m of r.score.misses) console.log('   ' + m);
    for (const w of r.result?.warnings ?? []) console.log('   warn ' + w.code + ' ' + w.message.slice(0, 100));
  }
});
