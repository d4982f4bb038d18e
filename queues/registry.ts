import { registeredModules } from '../worker/modules/assembly.ts';
import { housekeepingJobs, JobRegistry } from './jobs.ts';

/**
 * Every job the consumer runs: the platform's housekeeping and each registered module's jobs. A
 * message naming anything else goes to the dead-letter table. Built on first use, from the modules
 * the entry point installed (`installModules`): queues never import a module.
 */
let registry: JobRegistry | undefined;
export function jobRegistry(): JobRegistry {
  registry ??= new JobRegistry([...housekeepingJobs, ...registeredModules().flatMap((m) => m.jobs ?? [])]);
  return registry;
}
