// Prints one closing line, "tests: N passed, N failed, N skipped", that CI reads. A test file
// that failed to run (a syntax error, a failing beforeAll) counts as one failure.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failedSuites = results.testResults.filter(
      (r) => r.testExecError && r.numFailingTests === 0,
    ).length;
    const passed = results.numPassedTests;
    const failed = results.numFailedTests + failedSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
