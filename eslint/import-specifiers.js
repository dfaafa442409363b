// Every way a module names another: static and dynamic imports, re-exports and
// require(). Both lint rules visit them all, so no import form slips past one.

/** ESLint visitors that call `check(node, specifier)` for every module a file imports. */
export function importVisitors(check) {
  return {
    ImportDeclaration: (node) => check(node, node.source.value),
    ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
    ExportAllDeclaration: (node) => check(node, node.source.value),
    ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    CallExpression: (node) => {
      if (
        node.callee.type === 'Identifier' &&
        node.callee.name === 'require' &&
        node.arguments[0]?.type === 'Literal'
      ) {
        check(node, node.arguments[0].value);
      }
    },
  };
}
