// The console itself: React, Mantine and the first screens, loaded by main.tsx once it has asked for the session.
import './i18n';
import { Anchor, DEFAULT_THEME, MantineProvider, createTheme, type MantineColorsTuple } from '@mantine/core';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiFailure } from './api/client';
import { App } from './App';
import { AuthProvider } from './auth';

// Mantine's teal with one darker shade beyond it: links and buttons (and their hover) keep WCAG AA contrast on white
const rujukanTeal = [...DEFAULT_THEME.colors.teal.slice(1), '#065c43'] as unknown as MantineColorsTuple;
const theme = createTheme({
  colors: { rujukan: rujukanTeal },
  primaryColor: 'rujukan',
  primaryShade: 8,
  defaultRadius: 'sm',
  // links in the darkest shade (they sit on striped and hovered table rows too, where shade 8 falls short), and
  // underlined, since that shade is too close to the text around them to tell a link by colour alone
  components: { Anchor: Anchor.extend({ defaultProps: { c: 'rujukan.9', underline: 'always' } }) },
});

// A network failure or a 503 is retried (with backoff); any other answer is final.
const retryable = (err: unknown) => !(err instanceof ApiFailure) || err.status === 503;
const queries = new QueryClient({
  defaultOptions: {
    queries: { retry: (n, err) => retryable(err) && n < 8, staleTime: 10_000 },
    mutations: { retry: false },
  },
  queryCache: new QueryCache(),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queries}>
        <BrowserRouter>
          <AuthProvider>
            <App />
          </AuthProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
