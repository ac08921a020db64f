/**
 * Runs the TypeScript sources in a child process the way jest does (swc, `.swcrc`), for tests that need real
 * processes (a worker to SIGKILL): `node -r ./test/support/swc-register.js src/worker.ts`. Faster than ts-node.
 */
const { addHook } = require('pirates');
const { transformSync } = require('@swc/core');
const path = require('node:path');

const swcrc = path.join(__dirname, '..', '..', '.swcrc');
addHook((code, filename) => transformSync(code, { filename, configFile: swcrc, swcrc: false }).code, {
  exts: ['.ts'],
  ignoreNodeModules: true,
});
