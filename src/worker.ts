/** Entry point for a worker-only process: the same as `DUBAN_ROLE=worker node dist/main.js`. */
process.env.DUBAN_ROLE = 'worker';
void import('./main');
