import { describe, expect, it } from 'vitest';
import { checkRuntime, EXIT_CONFIG_ERROR, EXIT_DATA_ERROR } from './runtime-check.ts';

describe('checkRuntime', () => {
  it('passes on this runtime, which has node:sqlite', () => {
    expect(checkRuntime()).toBeNull();
    expect(checkRuntime(process.getBuiltinModule)).toBeNull();
  });

  it('passes when the getter returns a module with DatabaseSync', () => {
    expect(checkRuntime((id) => (id === 'node:sqlite' ? { DatabaseSync: class {} } : undefined))).toBeNull();
  });

  it.each([
    ['returns undefined', () => undefined],
    ['returns null', () => null],
    ['returns a module without DatabaseSync', () => ({})],
    ['returns a string', () => 'node:sqlite'],
    [
      'throws',
      () => {
        throw new Error('No such built-in module: node:sqlite');
      },
    ],
  ])('refuses with a clear reason when the getter %s', (_label, getter: (id: string) => unknown) => {
    const message = checkRuntime(getter);
    expect(message).toEqual(expect.any(String));
    expect(message).toContain('node:sqlite');
    expect(message).toContain('Node 24');
    expect(message).toContain('Electron 42');
  });

  it('asks the getter for node:sqlite', () => {
    const asked: string[] = [];
    checkRuntime((id) => {
      asked.push(id);
      return undefined;
    });
    expect(asked).toEqual(['node:sqlite']);
  });

  it('uses the sysexits codes the supervisor treats as fatal', () => {
    expect([EXIT_DATA_ERROR, EXIT_CONFIG_ERROR]).toEqual([65, 78]);
  });
});
