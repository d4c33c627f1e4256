import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// `npm run dev` serves the UI with hot reload and sends the API to a catalogd on :8000.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://localhost:8000', '/.well-known': 'http://localhost:8000' },
    // The saga view imports the repository's BPMN file.
    fs: { allow: ['.', '../bpmn'] },
  },
  build: { sourcemap: true },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
  },
});
