// The typed NativeModule interface (src/native.ts) against what the addon really exports: an op registered in
// C++ but not declared is unreachable from typed code, and a declared op that the addon lacks fails at run time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { native } from '../src/native.js';

function declaredMembers(): string[] {
  const file = new URL('../src/native.ts', import.meta.url);
  const source = ts.createSourceFile('native.ts', readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const iface = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'NativeModule',
  );
  assert.ok(iface, 'src/native.ts declares interface NativeModule');
  // Overloads (max, min, median) declare one name more than once.
  return [...new Set(iface.members.map((m) => (m.name as ts.Identifier).text))].sort();
}

test('NativeModule declares exactly the ops the addon registers', () => {
  const declared = declaredMembers();
  const exported = Object.keys(native).sort();
  assert.deepEqual(
    exported.filter((k) => !declared.includes(k)),
    [],
    'exported by the addon but missing from NativeModule',
  );
  assert.deepEqual(
    declared.filter((k) => !exported.includes(k)),
    [],
    'declared in NativeModule but not exported by the addon',
  );
  assert.equal(exported.length, 295);
});

test('every op is a named function', () => {
  for (const [name, value] of Object.entries(native)) {
    assert.equal(typeof value, 'function', name);
    if (name !== 'NativeTensor') assert.equal((value as { name: string }).name, name);
  }
});
