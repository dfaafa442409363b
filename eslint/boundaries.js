// The process boundaries as one lint rule. The page (renderer) runs sandboxed
// without Node; the preload only bridges page and main; the backend runs in a
// process of its own under plain Node, started by the host for Electron and
// browser mode alike; shared code runs in every one of them. Each layer lists
// the layers it may import from (with the reason in `why`, which goes into
// the message) and whether it may import Node built-ins, electron, or UI
// packages. A relative import is resolved to the folder it lands in, so
// `../../renderer/x` from the backend is caught like any other.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { importVisitors } from './import-specifiers.js';

const UI_PACKAGES = ['react', 'react-dom', 'antd', '@ant-design/icons', 'i18next', 'react-i18next', 'echarts'];

/** Most specific first: the first prefix that matches a file names its layer. */
export const LAYERS = [
  {
    name: 'electron/main',
    may: ['shared', 'electron/main', 'electron/host'],
    why: 'main runs the backend in its own process through electron/host and never loads it itself',
    node: true,
    electron: true,
    ui: false,
  },
  {
    name: 'electron/preload',
    may: ['shared', 'electron/preload'],
    why: 'the preload is a sandboxed bridge between page and main',
    node: false,
    electron: true,
    ui: false,
  },
  {
    name: 'electron/host',
    may: ['shared', 'electron/host', 'electron/backend'],
    why: 'the host starts the backend and serves the UI files, for Electron main and browser mode alike',
    node: true,
    electron: false,
    ui: false,
  },
  {
    name: 'electron/backend',
    may: ['shared', 'shared-node', 'electron/backend'],
    why: 'the backend does not know which process hosts it',
    node: true,
    electron: false,
    ui: false,
  },
  { name: 'server', may: ['shared', 'shared-node', 'server'], node: true, electron: false, ui: false },
  { name: 'renderer', may: ['shared', 'renderer'], node: false, electron: false, ui: true },
  // What the backend and the server share that needs Node.
  {
    name: 'shared-node',
    may: ['shared', 'shared-node'],
    why: 'it serves the device backend and the exchange server alike',
    node: true,
    electron: false,
    ui: false,
  },
  {
    name: 'shared',
    may: ['shared'],
    why: 'shared code also runs in the sandboxed page, which has no Node',
    node: false,
    electron: false,
    ui: false,
  },
];

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function layerOf(root, file) {
  const rel = relative(root, file).split(sep).join('/');
  return LAYERS.find((layer) => rel === layer.name || rel.startsWith(`${layer.name}/`));
}

export const boundariesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the process boundaries between main, preload, host, backend, server and page' },
    schema: [],
    messages: {
      electron: '{{layer}} must not import electron (only main and preload may: the rest runs without Electron too).',
      node: '{{layer}} must not import the Node module "{{spec}}" (it runs without Node).',
      ui: '{{layer}} must not import the UI package "{{spec}}".',
      layer: '{{layer}} must not import from {{target}} ({{reason}}).',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const layer = layerOf(root, file);
    if (!layer) return {};

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const data = { layer: layer.name, spec };
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = layerOf(root, resolve(dirname(file), spec));
        if (target && !layer.may.includes(target.name)) {
          context.report({
            node,
            messageId: 'layer',
            data: {
              ...data,
              target: target.name,
              reason: [layer.why, `allowed: ${layer.may.join(', ')}`].filter(Boolean).join('; '),
            },
          });
        }
        return;
      }
      const pkg = packageName(spec);
      if (pkg === 'electron' && !layer.electron) context.report({ node, messageId: 'electron', data });
      else if ((builtins.has(spec) || builtins.has(pkg)) && !layer.node)
        context.report({ node, messageId: 'node', data });
      else if (UI_PACKAGES.includes(pkg) && !layer.ui) context.report({ node, messageId: 'ui', data });
    }

    return importVisitors(check);
  },
};
