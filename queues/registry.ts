import { registeredModules } from '../worker/modules/assembly.ts';
import { housekeepingJobs, JobRegistry } from './jobs.ts';

/**
 * Every job the consumer runs: the platform's housekeeping and each registered module's jobs. A
 * message naming anything else goes to the dead-letter table. Loaded on first use, from the modules
 * the entry point installed (`installModules`): queues never import a module, and an isolate that
 * only serves requests never loads a job (docs/decisions/077-background-work-on-first-use.md). A load
 * that fails is tried again by the next batch.
 */
let registry: Promise<JobRegistry> | undefined;
export function jobRegistry(): Promise<JobRegistry> {
  registry ??= loadRegistry().catch((error: unknown) => {
    registry = undefined;
    throw error;
  });
  return registry;
}

async function loadRegistry(): Promise<JobRegistry> {
  const modulesJobs = await Promise.all(registeredModules().map((m) => m.jobs?.() ?? []));
  return new JobRegistry([...housekeepingJobs, ...modulesJobs.flat()]);
}
