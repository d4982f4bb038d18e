/**
 * The app's production bundle, not minified, under Miniflare with workerd's inspector open, and the
 * inspector target of the app's own isolate: what `bench/profile.ts` and `bench/allocation.ts` attach to.
 */
import { join } from 'node:path';
import { type BundleBuild, dryRunBundle, readableAsDeployed } from './bundle.ts';
import { type InspectorTarget, listTargets } from './inspector.ts';
import { freePorts, type MiniflareProcess, type StackProcess, startMiniflareApp } from './servers.ts';

export const appIsolateId = 'core:user:edge-saas';

export interface InspectableApp {
  bundle: BundleBuild;
  mf: MiniflareProcess & { origin: string };
  inspectorPort: number;
  target: InspectorTarget;
}

/** Builds the bundle into `dir/bundle` and starts it; the caller stops `mf`. */
export async function startInspectableApp(dir: string, stack: Pick<StackProcess, 'dbServerUrl' | 'postgresUrl'>): Promise<InspectableApp> {
  const bundle = await dryRunBundle(join(dir, 'bundle'), readableAsDeployed);
  const [inspectorPort] = await freePorts(1);
  if (inspectorPort === undefined) throw new Error('no free port for the inspector');
  const mf = await startMiniflareApp({ scriptPath: bundle.mainPath, stack, inspectorPort });
  const targets = (await listTargets(inspectorPort)) ?? [];
  const target = targets.find((t) => t.id === appIsolateId);
  if (!target) {
    await mf.stop();
    throw new Error(`no ${appIsolateId} among the inspector's targets: ${targets.map((t) => t.id).join(', ')}`);
  }
  return { bundle, mf, inspectorPort, target };
}
