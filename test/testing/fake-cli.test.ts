/**
 * `svc-gen fake specs/` (the built CLI): every operation of the repo's specs that has an example
 * answers with a body valid against its own spec; an invalid request gets 400 and a pointer; an
 * unknown route 404 naming the closest operations; SIGINT and SIGTERM stop it with exit code 0.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contractsFromSpecs } from '../../generator/contract/from-specs.js';
import { isJsonMedia } from '../../runtime/json-media.js';
import { exampleAnswer } from '../../runtime/testing/answer.js';
import { checkResponse } from '../../runtime/validate/check.js';
import { compileContract } from '../../runtime/validate/compile.js';
import type { Contract, ContractOperation } from '../../runtime/validate/contract.js';
import { BIN, ensureBuilt, ROOT } from '../generator/helpers/processes.js';
import { REPO_SPECS } from '../generator/helpers/specs.js';

let contracts: Contract[];
let child: ChildProcessWithoutNullStreams | undefined;

beforeAll(async () => {
  ensureBuilt();
  contracts = await contractsFromSpecs([REPO_SPECS]);
});
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Starts the fleet; resolves with the URL of each service once every line is printed. */
function startFleet(): Promise<{ urls: Map<string, string>; stderr: () => string; exited: Promise<number | null> }> {
  const proc = spawn(process.execPath, [BIN, 'fake', 'specs/'], { cwd: ROOT });
  child = proc;
  let out = '';
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n').filter((l) => l.startsWith('SVC_GEN_'));
      if (lines.length < contracts.length) return;
      const urls = new Map(lines.map((l) => [l.slice('SVC_GEN_'.length, l.indexOf('_URL=')).toLowerCase(), l.slice(l.indexOf('=') + 1)]));
      resolve({ urls, stderr: () => err, exited });
    });
    void exited.then((code) => reject(new Error(`svc-gen fake exited (${code}): ${err}`)));
  });
}

/** A request the spec accepts: required path, header and query parameters filled by type. */
function sampleRequest(op: ContractOperation): { path: string; headers: Record<string, string> } {
  const value = (schema: unknown) => ((schema as { type?: unknown } | undefined)?.type === 'integer' ? '1' : 'x');
  let path = op.path;
  const headers: Record<string, string> = {};
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    if (p.in === 'path') path = path.replace(`{${p.name}}`, value(p.schema));
    else if (p.required && p.in === 'header') headers[p.name] = value(p.schema);
    else if (p.required && p.in === 'query') query.set(p.name, value(p.schema));
  }
  return { path: query.size ? `${path}?${query}` : path, headers };
}

describe('svc-gen fake specs/', () => {
  it('answers every operation with an example with a body valid against its own spec', async () => {
    const fleet = await startFleet();
    let checked = 0;
    for (const contract of contracts) {
      const schemas = await compileContract(contract);
      for (const [name, op] of Object.entries(contract.operations)) {
        const example = exampleAnswer(op);
        if (!example) continue;
        const { path, headers } = sampleRequest(op);
        const res = await fetch(`${fleet.urls.get(contract.service)}${path}`, { method: op.method, headers });
        const type = res.headers.get('content-type') ?? undefined;
        const text = await res.text();
        expect(res.status, `${contract.service}.${name}: ${text}`).toBe(example.status);
        const body = isJsonMedia(type) ? JSON.parse(text) : text;
        expect(body).toEqual(example.body);
        expect(checkResponse(schemas, name, op, res.status, type, body)).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4); // listUsers, getUser, getOrder, getOrderReceipt
    expect(fleet.stderr()).not.toContain('violation');
    child?.kill('SIGINT');
    expect(await fleet.exited).toBe(0);
  });

  it('refuses an invalid request with 400 and a pointer, an unknown route with 404 and the closest operations; SIGTERM stops it', async () => {
    const fleet = await startFleet();
    const user = fleet.urls.get('user');
    const bad = await fetch(`${user}/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ann' }) });
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as { error: string; violations: { pointer: string }[] };
    expect(badBody.error).toBe('contract_violation');
    expect(badBody.violations.map((v) => v.pointer)).toEqual(['/body/email']);
    const unknown = await fetch(`${user}/user/u-1`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { closest: string[] }).closest[0]).toBe('getUser (GET /users/{userId})');
    expect(fleet.stderr()).toContain('user POST /users -> 400 (createUser)\n  violation: request /body/email:');
    child?.kill('SIGTERM');
    expect(await fleet.exited).toBe(0);
    expect(fleet.stderr()).toContain('svc-gen fake: stopped');
  });
});
