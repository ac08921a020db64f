import { readTargets } from '../src/extraction/target-reader';
console.log(JSON.stringify(readTargets('4.消除大班额。基本消除56人以上大班额，九年义务教育巩固率达到97%。', { issuedOn: '2018-12-21' }), null, 1));
