/** Journal replay finishes every step of a write killed half-way, including folder clean-up. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { JOURNAL_FILE, recover } from '../../../../generator/output/journal.js';
import { cleanup, tempDir } from '../../../generator/helpers/fs.js';

let out: string;
beforeEach(() => {
  out = tempDir();
});
afterEach(() => cleanup(out));

test('killed after removing a service’s last file but before removing its folder: the replay removes the empty folder', () => {
  // The state such a kill leaves: a committed journal, its moves done, old/ emptied but still there.
  mkdirSync(path.join(out, 'old'));
  mkdirSync(path.join(out, 'kept'));
  writeFileSync(path.join(out, 'kept', 'client.ts'), 'new');
  mkdirSync(path.join(out, '.svc-gen-staging-abc123'));
  writeFileSync(
    path.join(out, JOURNAL_FILE),
    JSON.stringify({ staging: '.svc-gen-staging-abc123', moves: [{ from: '0', to: 'kept/client.ts' }], remove: ['old/client.ts', 'old/types.ts'] }),
  );
  expect(recover(out)).toBe('rolled-forward');
  expect(readdirSync(out).sort()).toEqual(['kept']);
  expect(existsSync(path.join(out, 'kept', 'client.ts'))).toBe(true);
});

test('a folder that still holds a user file stays', () => {
  mkdirSync(path.join(out, 'old'));
  writeFileSync(path.join(out, 'old', 'notes.txt'), 'mine');
  mkdirSync(path.join(out, '.svc-gen-staging-abc123'));
  writeFileSync(path.join(out, JOURNAL_FILE), JSON.stringify({ staging: '.svc-gen-staging-abc123', moves: [], remove: ['old/client.ts'] }));
  expect(recover(out)).toBe('rolled-forward');
  expect(readdirSync(path.join(out, 'old'))).toEqual(['notes.txt']);
});
