/**
 * What a spec may reach: only .json/.yaml/.yml files inside its boundary (here, with no .git above
 * the temp folder, the spec's own folder; monorepo.test.ts covers the others). A remote `$ref` is refused without a
 * connection (a listening server counts none); a `$ref` or symlink leading outside the folder is
 * refused without a read (the outside file's content appears nowhere, and a FIFO outside, which
 * would block any `open`, does not hang the run). Exit 2 naming the file, `<out>` untouched.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generate, isSvcGenInputError } from '../../generator/index.js';
import { svcGen } from './helpers/cli.js';
import { snapshotDir } from './helpers/fs.js';
import { usePreviousOut } from './helpers/previous-out.js';
import { connectionCounter, ensureBuilt, runBin } from './helpers/processes.js';
import { tinySpec, writeFiles } from './helpers/specs.js';

const SECRET = `TOPSECRET-${process.pid}-${Date.now()}`;
/** A tiny spec whose 200 response schema is `$ref: <ref>`. */
const refTo = (ref: string): string => tinySpec().replace('schema: { type: string }', `schema: { $ref: '${ref}' }`);

let server: Awaited<ReturnType<typeof connectionCounter>>;
beforeAll(async () => {
  ensureBuilt();
  server = await connectionCounter();
});
afterAll(() => server.close());
const previous = usePreviousOut({
  'secret.yaml': `S: { type: string, description: ${SECRET} }\n`,
  'elsewhere/x.yaml': `S: { type: string, description: ${SECRET} }\n`,
});
let dir = '';
let out = '';
beforeEach(() => ({ dir, out } = previous));

/** Runs the CLI on `input` and checks the refusal: exit 2, the message, no secret anywhere, `<out>` untouched, `code`. */
async function refused(input: string, message: RegExp, code: string): Promise<void> {
  const before = snapshotDir(out);
  const run = await svcGen(path.join(dir, input), '--out', out);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stdout + run.stderr).not.toContain(SECRET);
  expect(snapshotDir(out)).toEqual(before);
  expect(JSON.stringify(snapshotDir(out))).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 12));
  const error = await generate({ inputs: [path.join(dir, input)], out }).catch((e: unknown) => e);
  expect(isSvcGenInputError(error) && error.code).toBe(code);
  expect(String(error)).not.toContain(SECRET);
}

describe('remote $ref: refused before any connection', () => {
  const cases: [string, (port: number) => Record<string, string>, RegExp][] = [
    [
      'http://127.0.0.1:<port>',
      (port) => ({ 'in/a.yaml': refTo(`http://127.0.0.1:${port}/s.yaml#/S`) }),
      /in\/a\.yaml:14:23 .*remote \$ref http:\/\/127\.0\.0\.1:\d+\/s\.yaml is not supported; vendor the file next to the spec/,
    ],
    [
      'https://127.0.0.1:<port>',
      (port) => ({ 'in/a.yaml': refTo(`https://127.0.0.1:${port}/s.yaml#/S`) }),
      /remote \$ref https:\/\/127\.0\.0\.1:\d+\/s\.yaml is not supported/,
    ],
    [
      'protocol-relative //127.0.0.1:<port>',
      (port) => ({ 'in/a.yaml': refTo(`//127.0.0.1:${port}/s.yaml#/S`) }),
      /\$ref to \/127\.0\.0\.1:\d+\/s\.yaml leaves the spec's folder/,
    ],
    [
      'in a $ref-ed local file',
      (port) => ({ 'in/svc/openapi.yaml': refTo('./local.yaml#/S'), 'in/svc/local.yaml': `S: { $ref: 'http://127.0.0.1:${port}/s.yaml#/S' }\n` }),
      /in\/svc\/openapi\.yaml:14:23 .*remote \$ref http:\/\/127\.0\.0\.1:\d+\/s\.yaml is not supported/,
    ],
    [
      'in a Swagger 2.0 spec',
      (port) => ({
        'in/old.yaml': `swagger: '2.0'\ninfo: { title: o, version: '1' }\npaths:\n  /p:\n    get:\n      responses: { '200': { description: ok, schema: { $ref: 'http://127.0.0.1:${port}/s.yaml#/S' } } }\n`,
      }),
      /in\/old\.yaml .*remote \$ref http:\/\/127\.0\.0\.1:\d+\/s\.yaml is not supported/,
    ],
  ];
  it.each(cases)('%s: exit 2, and the server saw no connection', async (_name, files, message) => {
    writeFiles(dir, files(server.port));
    await refused('in', message, 'SVCGEN_UNRESOLVED_REF');
    await new Promise((r) => setTimeout(r, 100)); // a connection attempt would have arrived by now
    expect(server.connections()).toBe(0);
  });
});

describe('files outside the spec folder: refused without a read', () => {
  /** [name, set-up (dir) → files, message] */
  const cases: [string, (d: string) => Record<string, string>, RegExp][] = [
    [
      'a relative $ref climbing out',
      () => ({ 'in/a.yaml': refTo('../secret.yaml#/S') }),
      /in\/a\.yaml:14:23 .*\$ref to .*\/secret\.yaml leaves the spec's folder .*\/in; svc-gen reads only files inside it: widen it with --ref-root <dir> \(or "refRoot" in the config file\)/,
    ],
    ['an absolute $ref', (d) => ({ 'in/a.yaml': refTo(`${path.join(d, 'secret.yaml')}#/S`) }), /\$ref to .*\/secret\.yaml leaves the spec's folder/],
    [
      'a symlinked file inside the folder',
      (d) => {
        mkdirSync(path.join(d, 'in/svc'), { recursive: true });
        symlinkSync(path.join(d, 'secret.yaml'), path.join(d, 'in/svc/link.yaml'));
        return { 'in/svc/openapi.yaml': refTo('./link.yaml#/S') };
      },
      /\$ref to .*\/in\/svc\/link\.yaml leaves the spec's folder .*\/in\/svc/,
    ],
    [
      'a symlinked folder inside the folder',
      (d) => {
        mkdirSync(path.join(d, 'in/svc'), { recursive: true });
        symlinkSync(path.join(d, 'elsewhere'), path.join(d, 'in/svc/shared'));
        return { 'in/svc/openapi.yaml': refTo('./shared/x.yaml#/S') };
      },
      /\$ref to .*\/in\/svc\/shared\/x\.yaml leaves the spec's folder/,
    ],
    ['a file: URL', (d) => ({ 'in/a.yaml': refTo(`file://${path.join(d, 'secret.yaml')}#/S`) }), /remote \$ref file:\/\/.*\/secret\.yaml is not supported/],
    [
      'a file inside the folder that is not .json/.yaml/.yml',
      () => ({ 'in/svc/openapi.yaml': refTo('./notes.txt#/S'), 'in/svc/notes.txt': `S: { type: string, description: ${SECRET} }\n` }),
      /\$ref to .*\/in\/svc\/notes\.txt: svc-gen reads only \.json, \.yaml and \.yml files/,
    ],
  ];
  it.each(cases)('%s: SVCGEN_UNRESOLVED_REF, its content nowhere', async (_name, setup, message) => {
    writeFiles(dir, setup(dir));
    await refused('in', message, 'SVCGEN_UNRESOLVED_REF');
  });

  /** [name, set-up (dir) → files, message]: symlinks met while discovering specs. */
  const discovered: [string, (d: string) => Record<string, string>, RegExp][] = [
    [
      'a symlinked spec file leading outside',
      (d) => {
        mkdirSync(path.join(d, 'in'), { recursive: true });
        symlinkSync(path.join(d, 'secret.yaml'), path.join(d, 'in/evil.yaml'));
        return {};
      },
      /in\/evil\.yaml: symlink to .*\/secret\.yaml, outside .*\/in; svc-gen reads only specs inside the folders it is given/,
    ],
    [
      'a symlinked service folder leading outside',
      (d) => {
        mkdirSync(path.join(d, 'in'), { recursive: true });
        symlinkSync(path.join(d, 'elsewhere'), path.join(d, 'in/svc'));
        return { 'elsewhere/openapi.yaml': tinySpec() };
      },
      /in\/svc: symlink to .*\/elsewhere, outside .*\/in/,
    ],
    [
      "a service folder's entry file leading outside",
      (d) => {
        mkdirSync(path.join(d, 'in/svc'), { recursive: true });
        symlinkSync(path.join(d, 'secret.yaml'), path.join(d, 'in/svc/openapi.yaml'));
        return {};
      },
      /in\/svc\/openapi\.yaml: symlink to .*\/secret\.yaml, outside .*\/in\/svc/,
    ],
  ];
  it.each(discovered)('%s: SVCGEN_OUTSIDE_FOLDER', async (_name, setup, message) => {
    writeFiles(dir, setup(dir));
    await refused('in', message, 'SVCGEN_OUTSIDE_FOLDER');
  });

  it('symlinks that stay inside the folder are followed', async () => {
    writeFiles(dir, {
      'in/real/x.yaml': tinySpec('', 'fromLink'),
      'in/svc/openapi.yaml': refTo('./link.yaml#/S'),
      'in/svc/schemas/s.yaml': 'S: { type: string }\n',
    });
    symlinkSync(path.join(dir, 'in/real/x.yaml'), path.join(dir, 'in/linked.yaml'));
    symlinkSync(path.join(dir, 'in/svc/schemas/s.yaml'), path.join(dir, 'in/svc/link.yaml'));
    const result = await generate({ inputs: [path.join(dir, 'in')], out });
    expect(result.services.map((s) => [s.name, s.operations])).toEqual([
      ['linked', 1],
      ['svc', 1],
    ]);
  });

  it('a FIFO outside the folder is never opened (an open would block): the run ends with exit 2', () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    mkdirSync(path.join(dir, 'in2'));
    symlinkSync(path.join(dir, 'pipe.yaml'), path.join(dir, 'in2/evil.yaml'));
    writeFiles(dir, { 'in/a.yaml': refTo('../pipe.yaml#/S') });
    for (const [input, message] of [
      ['in', /\$ref to .*\/pipe\.yaml leaves the spec's folder/],
      ['in2', /in2\/evil\.yaml: symlink to .*\/pipe\.yaml, outside/],
    ] as const) {
      const run = runBin([path.join(dir, input), '--out', out], { timeout: 20_000 });
      expect(run.signal, 'the run hung: something opened the FIFO').toBeNull();
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});
