import type { QueryBuilder, Statement } from '../db/client.ts';
import type { DomainEventType, Listener, Listeners } from '../kernel/bus.ts';
import type { PublicIdKind } from '../kernel/ids.ts';
import { PermissionTable } from '../kernel/permissions.ts';
import type { AccountErasureStep, WorkspaceErasureStep } from './account/erasure-steps.ts';
import type {
  ActivationProgress,
  EventConsumer,
  FlagDeclaration,
  ModuleManifest,
  NotificationKind,
  OnboardingItem,
  PersonalExportPart,
  PublishedEventDeclaration,
} from './module.ts';

let installed: readonly ModuleManifest[] | undefined;
let permissionTable: PermissionTable | undefined;

/**
 * Hands the platform the registered modules. Only the entry points read the registry
 * (`worker/modules/registry.ts`) and call this, with its manifests in registry order: a module
 * never imports the registry, so there is no import cycle between the modules and the list of
 * them (docs/decisions/035-acyclic-folders.md). Installing the same list again changes nothing.
 */
export function installModules(modules: readonly ModuleManifest[]): readonly ModuleManifest[] {
  if (installed && installed.length === modules.length && installed.every((m, i) => m === modules[i])) return installed;
  installed = Object.freeze([...modules]);
  permissionTable = undefined;
  return installed;
}

/** The installed modules; everything below is assembled from them when first asked for. */
export function registeredModules(): readonly ModuleManifest[] {
  if (!installed) throw new Error('No modules are installed: an entry point calls installModules() with the registry first');
  return installed;
}

/** The role × action table `can()` decides with: every module's rows. */
export function permissions(): PermissionTable {
  permissionTable ??= new PermissionTable(registeredModules().flatMap((m) => (m.permissions ? [m.permissions] : [])));
  return permissionTable;
}

/** Every module's id kinds. */
export const moduleIdKinds = (): PublicIdKind[] => registeredModules().flatMap((m) => m.ids ?? []);

/** Who hears which domain event, in registry order. */
export function listeners(): Listeners<QueryBuilder, Statement> {
  const byType: Record<string, Array<Listener<DomainEventType, QueryBuilder, Statement>>> = {};
  for (const m of registeredModules()) {
    for (const [type, list] of Object.entries(m.listeners ?? {})) {
      byType[type] = [...(byType[type] ?? []), ...((list ?? []) as Array<Listener<DomainEventType, QueryBuilder, Statement>>)];
    }
  }
  return byType as Listeners<QueryBuilder, Statement>;
}

export const onboardingItems = (): OnboardingItem[] => registeredModules().flatMap((m) => m.onboarding?.items ?? []);

/** The first module's activation progress; a workspace has one "first aha". */
export const activationProgress = (): ActivationProgress | null =>
  registeredModules().find((m) => m.onboarding?.activation)?.onboarding?.activation ?? null;

export const personalExportParts = (): PersonalExportPart[] => registeredModules().flatMap((m) => m.personalExport ?? []);

export const moduleWorkspaceErasureSteps = (): WorkspaceErasureStep[] => registeredModules().flatMap((m) => m.erasure?.workspace ?? []);

export const moduleAccountErasureSteps = (): AccountErasureStep[] => registeredModules().flatMap((m) => m.erasure?.account ?? []);

export const demoSeeds = () => registeredModules().flatMap((m) => (m.demoSeed ? [m.demoSeed] : []));

/** Every published event type and its schema version; two modules publishing one type is a mistake. */
export function publishedEvents(): Readonly<Partial<Record<DomainEventType, number>>> {
  return Object.fromEntries(Object.entries(eventDeclarations()).map(([type, declared]) => [type, declared.version]));
}

/** Every published event's declaration, by type, from the manifests. */
export function eventDeclarations(modules: readonly ModuleManifest[] = registeredModules()) {
  const declared: Partial<Record<DomainEventType, PublishedEventDeclaration>> = {};
  for (const m of modules) {
    for (const [type, declaration] of Object.entries(m.publishes ?? {}) as Array<[DomainEventType, PublishedEventDeclaration]>) {
      if (declared[type] !== undefined) throw new Error(`Event ${type} is published by two modules`);
      declared[type] = declaration;
    }
  }
  return declared;
}

/** The event types a webhook endpoint can subscribe to: every published one not kept from endpoints. */
export function webhookEventTypes(modules: readonly ModuleManifest[] = registeredModules()) {
  return (Object.entries(eventDeclarations(modules)) as Array<[DomainEventType, PublishedEventDeclaration]>)
    .filter(([, declared]) => declared.webhook !== false)
    .sort(([a], [b]) => a.localeCompare(b));
}

/** Every declared notification kind, by name; two modules declaring one name is a mistake. */
export function notificationKinds(modules: readonly ModuleManifest[] = registeredModules()): Readonly<Record<string, NotificationKind>> {
  const kinds: Record<string, NotificationKind> = {};
  for (const m of modules) {
    for (const [name, kind] of Object.entries(m.notifications ?? {})) {
      if (kinds[name] !== undefined) throw new Error(`Notification kind ${name} is declared by two modules`);
      if (kind.ownEmail && kind.category === 'product')
        throw new Error(`Notification kind ${name}: only security and billing kinds send their own email`);
      kinds[name] = kind;
    }
  }
  return kinds;
}

const flagName = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

/** Every declared feature flag, by name; two modules declaring one name, or a share outside 0–100, is a mistake. */
export function featureFlags(modules: readonly ModuleManifest[] = registeredModules()): Readonly<Record<string, FlagDeclaration>> {
  const flags: Record<string, FlagDeclaration> = {};
  for (const m of modules) {
    for (const [name, flag] of Object.entries(m.flags ?? {})) {
      if (!flagName.test(name)) throw new Error(`Feature flag ${name} must be named <module>.<feature> in kebab-case`);
      if (flags[name] !== undefined) throw new Error(`Feature flag ${name} is declared by two modules`);
      for (const value of Object.values(flag.defaults)) {
        if (typeof value === 'object' && !(Number.isInteger(value.percent) && value.percent >= 0 && value.percent <= 100)) {
          throw new Error(`Feature flag ${name}: a share of workspaces is a whole percentage from 0 to 100`);
        }
      }
      flags[name] = flag;
    }
  }
  return flags;
}

/** The consumers of one published event type, in registry order. */
export const consumersOf = (type: string): EventConsumer[] =>
  registeredModules()
    .flatMap((m) => m.consumers ?? [])
    .filter((consumer) => consumer.events === '*' || (consumer.events as readonly string[]).includes(type));

/** Who consumes one published event type: in every workspace, or only where a consumer's interest is held. */
export function eventRoute(type: string): { always: boolean; onInterest: string[] } {
  const consumers = consumersOf(type);
  return {
    always: consumers.some((consumer) => (consumer.when ?? 'always') === 'always'),
    onInterest: consumers.filter((consumer) => consumer.when === 'workspace-interest').map((consumer) => consumer.name),
  };
}

/** The OpenAPI `webhooks` entries the modules describe, for the subscribable event types. */
export function documentedWebhooks(): Record<string, unknown> {
  const events = webhookEventTypes();
  return Object.assign({}, ...registeredModules().map((m) => m.documentWebhooks?.(events) ?? {}));
}
