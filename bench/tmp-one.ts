import { readFileSync } from 'node:fs';
import { extractPlan } from '../src/extraction/plan-extractor';
const f = process.argv[2];
extractPlan({ buffer: readFileSync(f), fileName: f }).then((r) => { const d = r.draft; console.log(JSON.stringify({ title: d.title, issuer: d.issuer, doc: d.doc_number, implements: d.implements, on: d.issued_on, region: d.region }, null, 1)); console.log(JSON.stringify(d.departments.map(x=>[x.ref,x.name]))); const walk=(items:any[],p='')=>items.forEach((i:any)=>{console.log(p+i.number+' '+i.title+' | lead '+i.lead+' coop '+i.cooperate+' | '+(i.start?.date??'')+'→'+(i.due?.date??''));walk(i.children,p+'  ')}); walk(d.items); });
