import { extractPlan } from '../src/extraction/plan-extractor';
const text = `普洱市人民政府办公室关于印发普洱市县域义务教育优质均衡发展实施方案的通知
为推进，制定本方案。
一、总体任务
1.坚持因地制宜。各县（区）要认真总结经验。有关部门要提供保障。〔责任单位：各县（区）人民政府，市发展改革委、市教育体育局、市财政局〕
2.加强统筹谋划。各县市要将义务教育优质均衡发展纳入统筹谋划。（责任单位：州教育体育局，各县市人民政府）
3.加强督导。灵武市各有关部门要加强督导。【牵头单位：市教育体育局】
4.加强保障。市财政局要加强保障。（市财政局牵头，市教育体育局配合）
`;
extractPlan({ text, fileName: 'x.txt', regions: [] }).then((r) => { const d = r.draft; console.log(d.region, JSON.stringify(d.departments.map(x=>[x.ref,x.name]))); const walk=(items:any[],p='')=>items.forEach((i:any)=>{console.log(p+i.number+' '+i.title+' | lead '+i.lead+' coop '+i.cooperate);walk(i.children,p+'  ')}); walk(d.items); });
