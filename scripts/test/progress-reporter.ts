import type { Reporter, TestModule } from 'vitest/node';

/** One line per test file as it ends, for a run whose full report is merged later (scripts/test/run.ts). */
export default class ProgressReporter implements Reporter {
  onTestModuleEnd(module: TestModule) {
    const tests = [...module.children.allTests()];
    const failed = tests.filter((test) => test.result().state === 'failed').length;
    const seconds = (module.diagnostic().duration / 1000).toFixed(1);
    const mark = failed > 0 || module.state() === 'failed' ? '✗' : '✓';
    const failures = failed > 0 ? `, ${failed} failed` : '';
    console.log(`${mark} ${module.project.name} ${module.relativeModuleId} (${tests.length} tests${failures}, ${seconds} s)`);
  }
}
