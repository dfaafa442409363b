// What ships never imports test code. The product (electron/, renderer/,
// shared/, server/) must not depend on tests/ or bench/: test helpers there may
// open databases, read secrets from the environment or fake the clock, and
// nothing of that may reach a user. A test file beside the code (*.test.ts,
// *.spec.ts) is test code itself and may import them.
import { dirname, relative, resolve, sep } from 'node:path';
import { importVisitors } from './import-specifiers.js';

const PRODUCT = ['electron', 'renderer', 'shared', 'server'];
const TEST_CODE = ['tests', 'bench'];
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

function topFolder(root, file) {
  const rel = relative(root, file).split(sep);
  return rel.length > 1 && rel[0] !== '..' ? rel[0] : null;
}

export const testCodeRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Product code must not import test code (tests/, bench/)' },
    schema: [],
    messages: {
      testCode: '{{from}} is product code and must not import test code from {{target}}/ (only test files may).',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const from = topFolder(root, file);
    if (!PRODUCT.includes(from) || TEST_FILE.test(file)) return {};

    function check(node, spec) {
      if (typeof spec !== 'string' || !(spec.startsWith('.') || spec.startsWith('/'))) return;
      const target = topFolder(root, resolve(dirname(file), spec));
      if (TEST_CODE.includes(target)) context.report({ node, messageId: 'testCode', data: { from, target } });
    }

    return importVisitors(check);
  },
};
