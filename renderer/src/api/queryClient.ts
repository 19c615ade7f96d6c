import { QueryClient } from '@tanstack/react-query';

/** The renderer's one cache of records read from main; dropped whole when the app locks. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Main is the only writer and every write invalidates what it changes: no polling.
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: false,
    },
    mutations: { retry: false },
  },
});
