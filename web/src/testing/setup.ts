import '@testing-library/jest-dom/vitest';
import { afterEach, beforeAll, vi } from 'vitest';
import { cleanup } from '@testing-library/react';
import { loadAdminMessages } from '../lib/i18n';

// Admin pages are rendered directly in tests, without the admin route that loads their texts.
beforeAll(() => loadAdminMessages());

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  localStorage.clear();
});
