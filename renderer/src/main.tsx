import '@fontsource-variable/inter/index.css';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';

import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { queryClient } from './api/queryClient';
import { AuthGate } from './auth/AuthGate';
import { theme } from './theme';
import { keepDialogFocusWherePersonPutIt } from './lib/dialog-focus';
import { setDateLocale } from '../../shared/domain/format';

// Dates follow the person's locale (the OS's, which Electron gives the window): day-month-year
// order and clock; the words stay English like the rest of the app.
setDateLocale(navigator.language);
keepDialogFocusWherePersonPutIt(document);

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <AuthGate />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
