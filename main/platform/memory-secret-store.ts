import type { SecretStore } from './secret-store.js';

/** For tests of code that needs a SecretStore. Not for production: nothing here is protected. */
export function createMemorySecretStore(): SecretStore & { accounts(): string[] } {
  const secrets = new Map<string, string>();
  return {
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => void secrets.set(account, secret),
    delete: async (account) => secrets.delete(account),
    accounts: () => [...secrets.keys()],
  };
}
