import { env } from 'cloudflare:workers';
import type { Bindings } from '../env.ts';

export interface BindingCounts {
  /** Calls on a Durable Object stub (`fetch` or an RPC method), of any namespace. */
  durableObjectRequests: string[];
  /** `put` and `delete` on any KV namespace. */
  kvWrites: string[];
}

const isDurableObjectNamespace = (value: unknown): value is DurableObjectNamespace =>
  typeof (value as DurableObjectNamespace | null)?.idFromName === 'function';
const isKvNamespace = (value: unknown): value is KVNamespace =>
  typeof (value as KVNamespace | null)?.getWithMetadata === 'function' && typeof (value as KVNamespace).list === 'function';

/** A stand-in for `target` whose methods named in `counted` (or all, when null) record `label.method` before running. */
function counting<T extends object>(target: T, label: string, record: string[], counted: readonly string[] | null): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      if (counted !== null && !counted.includes(property)) return (...args: unknown[]) => Reflect.apply(value, object, args);
      return (...args: unknown[]) => {
        record.push(`${label}.${property}`);
        return Reflect.apply(value, object, args);
      };
    },
  });
}

/**
 * The test environment with every Durable Object namespace and KV namespace wrapped, so that a
 * request served with it (`call(..., { env })`) shows which of them it reached.
 */
export function countingEnv(): { env: Bindings; counts: BindingCounts } {
  const counts: BindingCounts = { durableObjectRequests: [], kvWrites: [] };
  const wrapped: Record<string, unknown> = { ...env };
  for (const [name, binding] of Object.entries(wrapped)) {
    if (isDurableObjectNamespace(binding)) {
      wrapped[name] = new Proxy(binding, {
        get(namespace, property) {
          const value = Reflect.get(namespace, property);
          if (typeof value !== 'function') return value;
          if (property !== 'get' && property !== 'getByName') return (...args: unknown[]) => Reflect.apply(value, namespace, args);
          return (...args: unknown[]) =>
            counting(Reflect.apply(value, namespace, args) as object, name, counts.durableObjectRequests, null);
        },
      });
    } else if (isKvNamespace(binding)) {
      wrapped[name] = counting(binding, name, counts.kvWrites, ['put', 'delete']);
    }
  }
  return { env: wrapped as Bindings, counts };
}
