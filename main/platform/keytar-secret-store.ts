import keytar from 'keytar';
import type { SecretStore } from './secret-store.js';

/**
 * The OS keychain through keytar (libsecret / Secret Service on Linux). A locked keychain makes
 * get() resolve null rather than fail: run probeKeychain() before trusting a null.
 */
export function createKeytarSecretStore(service = 'Hourkeep'): SecretStore {
  // async so keytar's synchronous argument checks (e.g. an empty secret) become rejections.
  return {
    get: async (account) => keytar.getPassword(service, account),
    set: async (account, secret) => keytar.setPassword(service, account, secret),
    delete: async (account) => keytar.deletePassword(service, account),
  };
}
