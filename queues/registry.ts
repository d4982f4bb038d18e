import { registeredModules } from '../worker/modules/assembly.ts';
import { housekeepingJobs, JobRegistry } from './jobs.ts';

/**
 * Every job the consumer runs: the platform's housekeeping and each registered module's jobs. A
 * message naming anything else goes to the dead-letter table. Built on first use: the modules'
 * manifests name job definitions from `jobs.ts`, so nothing here may run while they load.
 */
let registry: JobRegistry | undefined;
export function jobRegistry(): JobRegistry {
  registry ??= new JobRegistry([...housekeepingJobs, ...registeredModules().flatMap((m) => m.jobs ?? [])]);
  return registry;
}
