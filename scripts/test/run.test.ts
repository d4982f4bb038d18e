import { describe, expect, it } from 'vitest';
import { brokenRuns, overallExitCode, shardCount, shardDatabaseUrl, splitArgs } from './run.ts';

describe('npm test’s parallel runs', () => {
  it('gives reporters to the merged report and everything else to each run', () => {
    expect(splitArgs(['--reporter=default', '--reporter', 'json', '--outputFile=.ci/out/v.json', '--bail=1', '-t', 'refuses'])).toEqual({
      report: ['--reporter=default', '--reporter', 'json', '--outputFile=.ci/out/v.json'],
      run: ['--bail=1', '-t', 'refuses'],
      filters: ['refuses'],
    });
    expect(splitArgs(['worker/db', '--outputFile.json', 'out.json'])).toEqual({
      report: ['--outputFile.json', 'out.json'],
      run: ['worker/db'],
      filters: ['worker/db'],
    });
  });

  it('runs one shard per core, between 2 and 4, unless TEST_SHARDS says otherwise', () => {
    expect(shardCount({}, 1)).toBe(2);
    expect(shardCount({}, 3)).toBe(3);
    expect(shardCount({}, 16)).toBe(4);
    expect(shardCount({ TEST_SHARDS: '1' }, 16)).toBe(1);
    expect(() => shardCount({ TEST_SHARDS: 'two' })).toThrow(/whole number/);
    expect(() => shardCount({ TEST_SHARDS: '0' })).toThrow(/whole number/);
  });

  it('gives each shard a database of its own beside the named one, same role and server', () => {
    expect(shardDatabaseUrl('postgres://owner:pw@127.0.0.1:5433/neondb', 2)).toBe('postgres://owner:pw@127.0.0.1:5433/neondb_shard2');
    expect(shardDatabaseUrl('postgres://postgres@127.0.0.1:5433/neondb?sslmode=disable', 1)).toBe(
      'postgres://postgres@127.0.0.1:5433/neondb_shard1?sslmode=disable',
    );
    expect(shardDatabaseUrl('postgres://postgres@127.0.0.1:5433', 1)).toBe('postgres://postgres@127.0.0.1:5433/postgres_shard1');
  });

  it('counts a run that wrote no report as broken, whatever its exit code, so half a suite cannot pass', () => {
    expect(
      brokenRuns([
        { code: 0, reported: true },
        { code: 1, reported: true },
      ]),
    ).toEqual([]);
    // vitest exits with 1 both for failed tests and for a run that could not start.
    expect(
      brokenRuns([
        { code: 0, reported: true },
        { code: 1, reported: false },
      ]),
    ).toEqual(['2/2 (exit 1)']);
    expect(
      brokenRuns([
        { code: null, reported: false },
        { code: 0, reported: true },
        { code: 2, reported: true },
      ]),
    ).toEqual(['1/3 (exit null)', '3/3 (exit 2)']);
  });

  it('fails the whole run when a run failed outside its tests, though the merged report of the others passed', () => {
    expect(overallExitCode([0, 0], 0)).toBe(0);
    // A run whose global setup threw wrote a report without its tests: merged, the rest passes.
    expect(overallExitCode([1, 0], 0)).toBe(1);
    expect(overallExitCode([0, null], 0)).toBe(1);
    // Failed tests are in the report, which fails by itself.
    expect(overallExitCode([1, 0], 1)).toBe(1);
  });
});
