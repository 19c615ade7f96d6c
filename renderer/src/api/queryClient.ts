import { QueryClient } from '@tanstack/react-query';
import { followBackgroundChanges } from './invalidation';

/** The renderer's one cache of records read from main; dropped whole when the app locks. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Main is the only writer and reports every table it changes (invalidation.ts): no polling.
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: false,
    },
    mutations: { retry: false },
  },
});

// For the page's whole life: work main does outside any call reports its changes as events.
if (typeof window !== 'undefined' && window.hourkeep) {
  followBackgroundChanges(queryClient, window.hourkeep);
}
