/** The manifest file's content (output/manifest.ts `manifestFile`, `relativeTo`), from literal files and hashes. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestFile, relativeTo } from '../../../../generator/output/manifest.js';
import { sha256 } from '../../../../generator/util/hash.js';

const OUT = path.resolve('/p/out');

describe('relativeTo', () => {
  it('POSIX paths relative to out', () => {
    expect(relativeTo(OUT, path.join(OUT, 'a', 'b.ts'))).toBe('a/b.ts');
    expect(relativeTo(OUT, path.resolve('/p/specs/x.yaml'))).toBe('../specs/x.yaml');
  });
});

describe('manifestFile', () => {
  it('records version, fingerprint, inputs sorted by relative path, files with their hashes, services and warnings', () => {
    const inputs = new Map([
      [path.resolve('/p/specs/z.yaml'), 'hz'],
      [path.resolve('/p/specs/a.yaml'), 'ha'],
    ]);
    const files = [
      { path: 'users/client.ts', contents: 'x' },
      { path: 'index.ts', contents: 'y' },
    ];
    const file = manifestFile('svc-gen.manifest.json', OUT, '1.2.3', inputs, files, { fingerprint: 'fp', services: [], warnings: ['w'] });
    expect(file.path).toBe('svc-gen.manifest.json');
    expect(file.contents.endsWith('}\n')).toBe(true);
    expect(JSON.parse(file.contents)).toEqual({
      generator: 'svc-gen',
      version: '1.2.3',
      fingerprint: 'fp',
      inputs: [
        { path: '../specs/a.yaml', sha256: 'ha' },
        { path: '../specs/z.yaml', sha256: 'hz' },
      ],
      files: [
        { path: 'users/client.ts', sha256: sha256('x') },
        { path: 'index.ts', sha256: sha256('y') },
      ],
      services: [],
      warnings: ['w'],
    });
  });

  it('the same input gives the same bytes', () => {
    const make = () =>
      manifestFile('m.json', OUT, '1', new Map([[path.join(OUT, 's.yaml'), 'h']]), [{ path: 'a', contents: 'b' }], {
        fingerprint: 'f',
        services: [],
        warnings: [],
      });
    expect(make().contents).toBe(make().contents);
  });
});
