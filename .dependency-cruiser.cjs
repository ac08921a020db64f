/**
 * The module graph, enforced by `npm run lint` (README, "Architecture"). Every folder under src/ sits on one
 * layer; a file may import its own folder, its layer's other folders and the layers below, never a layer above,
 * and no two folders may import each other (directly or round a loop). The layers, lowest first:
 */
const LAYERS = [
  ['common', 'config'], //                                          foundation: errors, clock, dates, text, paths
  ['access', 'database', 'redis', 'queue', 'mail', 'runtime', 'cli'], // roles + scope rule; infrastructure
  ['users', 'audit', 'regions', 'departments', 'calendar', 'evidence'], // the organisation; files; calendar
  ['auth'], //                                                       sign-in, sessions, the access guard
  ['plans'], //                                                      plans, items, assignments, plan files
  ['indicators', 'extraction', 'notifications'], //                  evaluation, plan drafts, outbox and mail
  ['supervision'], //                                                the 督办 flow: reports, extensions, 办结
  ['reminders'], //                                                  deadlines, escalation, digests
  ['web', 'health', 'maintenance', 'demo'], //                       pages, probes, housekeeping, demo data
];

const folder = (name) => `^src/${name}/`;
const above = (i) => LAYERS.slice(i + 1).flat();

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle between files: break it (a lower module must not need a higher one).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      comment: 'Two folders import each other (directly or round a loop): one of them is on the wrong layer.',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...LAYERS.flatMap((names, i) =>
      above(i).length === 0
        ? []
        : [
            {
              name: `layer-${i}-imports-above`,
              severity: 'error',
              comment: `${names.join(', ')} may not import a higher layer (${above(i).join(', ')}).`,
              from: {
                path: names.map(folder),
                // The entity registry lists every module's entities for TypeORM (Nest and the migration CLI).
                pathNot: ['^src/database/entities\\.ts$'],
              },
              to: { path: above(i).map(folder) },
            },
          ],
    ),
    {
      name: 'unlayered-folder',
      severity: 'error',
      comment:
        'A folder under src/ that is on no layer: add it to LAYERS in .dependency-cruiser.cjs and README.',
      from: { path: '^src/[^/]+/', pathNot: LAYERS.flat().map(folder) },
      to: {},
    },
    {
      name: 'entry-points-only-at-the-top',
      severity: 'error',
      comment: 'Nothing imports the entry points and the composition root.',
      from: { pathNot: '^src/[^/]+\\.ts$' },
      to: { path: '^src/[^/]+\\.ts$' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: a type from a higher layer couples the two just the same.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
  },
};
