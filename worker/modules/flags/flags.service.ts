import type { TenantGateway } from '../../db/gateway.ts';
import type { Config } from '../../kernel/config.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertCan } from '../access.ts';
import { featureFlags } from '../assembly.ts';
import type { FlagDeclaration } from '../module.ts';
import { isFlagOn } from './flags.resolve.ts';
import * as repo from './flags.repo.ts';

function declared(name: string): FlagDeclaration {
  const flag = featureFlags()[name];
  if (!flag) throw new Error(`Feature flag ${name} is checked but no module declares it`);
  return flag;
}

/** Every declared flag, on or off for the signed-in person in this workspace: what the web app hides by. */
export async function listFlags(gateway: TenantGateway, appEnv: Config['APP_ENV']) {
  const { scope, result } = await gateway.read((http) => repo.selectOverrides(http));
  const workspaceId = assertCan(scope, 'flag:read');
  const flags = Object.entries(featureFlags()).map(([name, flag]) => [name, isFlagOn(name, flag, { appEnv, workspaceId }, result)]);
  return { flags: Object.fromEntries(flags) as Record<string, boolean> };
}

/**
 * Refuses with FEATURE_DISABLED (403) when `name` is off for the caller in this workspace. A module
 * calls it first, before the feature does any work, so that turning a flag off stops the work too.
 */
export async function requireFlag(gateway: TenantGateway, appEnv: Config['APP_ENV'], name: string): Promise<void> {
  const flag = declared(name);
  const { scope, result } = await gateway.read((http) => repo.selectOverridesOf(http, name));
  const workspaceId = assertCan(scope, 'flag:read');
  if (!isFlagOn(name, flag, { appEnv, workspaceId }, result)) {
    throw new AppError('FEATURE_DISABLED', `${flag.summary} is not available in this workspace`);
  }
}
