import type { Reporter, TestModule } from 'vitest/node';

/**
 * Lists every skipped test with the reason it gave, after the run, so a run on a machine without an
 * optional service says what it did not check and why. A skip without a reason is listed as such.
 */
export default class SkippedReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const skipped = testModules.flatMap((module) =>
      [...module.children.allTests()]
        .filter((test) => test.result().state === 'skipped')
        .map((test) => {
          const result = test.result();
          const note = 'note' in result && result.note ? result.note : 'no reason given';
          return `  ${module.relativeModuleId} > ${test.fullName}: ${note}`;
        }),
    );
    if (skipped.length === 0) return;
    console.log(`\nSkipped ${skipped.length} test(s):\n${skipped.join('\n')}\n`);
  }
}
