import type { Adapter, AdapterPayload } from 'oidc-provider';

/**
 * The test IdP's storage: a Map per provider, dropped with it. Passing it explicitly says what
 * oidc-provider's built-in quick-start adapter would warn about on every start: this provider's state
 * is meant to be lost on restart and never shared.
 */
export function memoryAdapter(): new (model: string) => Adapter {
  const store = new Map<string, { payload: AdapterPayload; expiresAt: number | null }>();
  const live = (key: string) => {
    const entry = store.get(key);
    if (entry?.expiresAt && entry.expiresAt <= Date.now()) store.delete(key);
    return store.get(key)?.payload;
  };
  return class MemoryAdapter implements Adapter {
    private readonly model: string;

    constructor(model: string) {
      this.model = model;
    }

    private key(id: string) {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
      store.set(this.key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : null });
    }

    async find(id: string) {
      return live(this.key(id));
    }

    async findByUid(uid: string) {
      for (const key of store.keys()) if (key.startsWith(`${this.model}:`) && live(key)?.uid === uid) return live(key);
      return undefined;
    }

    async findByUserCode(userCode: string) {
      for (const key of store.keys()) if (key.startsWith(`${this.model}:`) && live(key)?.userCode === userCode) return live(key);
      return undefined;
    }

    async consume(id: string) {
      const payload = live(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string) {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string) {
      for (const key of [...store.keys()]) if (store.get(key)?.payload.grantId === grantId) store.delete(key);
    }
  };
}
