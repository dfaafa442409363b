import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { compress, compressible, ENCODINGS } from './electron/host/ui-encoding.ts';
import { HASHED_ASSETS_DIR } from './electron/host/ui-files.ts';

const root = import.meta.dirname;

/**
 * The chunks, checked in order (the first match takes a module). Libraries get
 * chunks of their own: they change less often than the app, so a browser keeps
 * them across app updates, and they download side by side. What the sign-in
 * screen needs (`$initial`: reached by static imports from the entry) is kept
 * apart from what only the lazily loaded workspaces, charts and PDF viewer use,
 * which is fetched with them. The app's own code is split where the lazy
 * imports are (renderer/src/lazy-*.ts*).
 */
const CHUNKS: { name: string; test: RegExp; initial?: true }[] = [
  { name: 'react', test: /\/node_modules\/(react|react-dom|scheduler)\//, initial: true },
  { name: 'echarts', test: /\/node_modules\/(echarts|zrender)\// },
  { name: 'pdfjs', test: /\/node_modules\/pdfjs-dist\// },
  { name: 'pinyin', test: /\/node_modules\/pinyin-pro\// },
  { name: 'antd', test: /\/node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|dayjs)\//, initial: true },
  { name: 'antd-workspaces', test: /\/node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|dayjs)\// },
  { name: 'vendor', test: /\/node_modules\//, initial: true },
];

/** Writes a brotli and a gzip copy beside every built text file, for browser mode to send as they are. */
function precompress(): Plugin {
  return {
    name: 'tongban:precompress',
    apply: 'build',
    async writeBundle({ dir }, bundle) {
      const files = Object.keys(bundle).map((name) => join(dir!, name));
      await Promise.all(
        files.map(async (file) => {
          const data = await readFile(file);
          if (!compressible(file, data.length)) return;
          for (const { name, suffix } of ENCODINGS) await writeFile(file + suffix, await compress(name, data, 'build'));
        }),
      );
    },
  };
}

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
    plugins: [react(), precompress()],
    build: {
      // electron-vite leaves the renderer unminified; browser mode sends it over HTTP.
      minify: true,
      assetsDir: HASHED_ASSETS_DIR,
      rolldownOptions: {
        // The applicant's screen is a page of its own: it loads none of the clerk's workspaces.
        input: { index: resolve(root, 'renderer/index.html'), applicant: resolve(root, 'renderer/applicant.html') },
        output: {
          codeSplitting: {
            groups: CHUNKS.map(({ name, test, initial }, i) => ({
              name,
              test,
              priority: CHUNKS.length - i,
              ...(initial && { tags: ['$initial' as const] }),
            })),
          },
        },
      },
    },
  },
});
