/**
 * Prints one plain closing line, `Tests: N passed, N failed, N skipped`, as the very last line of the run (jest
 * writes "Ran all test suites." after every reporter, so the line is written when the process exits), so a CI
 * that reads the last line can count the tests.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `Tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = SummaryReporter;
