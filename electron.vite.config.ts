import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        // Stable names: main starts out/main/backend.js in a utilityProcess, and
        // browser mode runs out/main/web-host.js (never packaged) under Node.
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          backend: resolve(root, 'electron/host/backend-process.ts'),
          'web-host': resolve(root, 'electron/host/web-host.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be one CommonJS file with nothing to require.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // Relative asset URLs work under app://tongban/ and http://127.0.0.1 alike.
    base: './',
    plugins: [react()],
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
