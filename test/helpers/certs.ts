/**
 * Certificates made at test time with the `openssl` CLI (nothing is committed, so nothing
 * expires): a private CA, a server certificate for 127.0.0.1 / ::1 / localhost, one for another
 * host name, a client certificate for mTLS, and a second CA that signed none of them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCerts {
  ca: string;
  /** A CA that signed nothing here: trusting it alone must fail verification. */
  otherCa: string;
  serverCert: string;
  serverKey: string;
  /** Valid, signed by `ca`, but for `other.example` only. */
  wrongHostCert: string;
  wrongHostKey: string;
  clientCert: string;
  clientKey: string;
}

/** Is the openssl CLI there? (Tests that need it fail loudly without it rather than skip.) */
export function opensslVersion(): string {
  return execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
}

export function makeCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'svc-gen-certs-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const key = (name: string) => run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  const ca = (name: string, cn: string) => {
    key(name);
    run(
      'req',
      '-x509',
      '-new',
      '-key',
      `${name}.key`,
      '-subj',
      `/CN=${cn}`,
      '-days',
      '2',
      '-out',
      `${name}.crt`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
  };
  const leaf = (name: string, cn: string, ext: string) => {
    key(name);
    run('req', '-new', '-key', `${name}.key`, '-subj', `/CN=${cn}`, '-out', `${name}.csr`);
    writeFileSync(join(dir, `${name}.ext`), ext);
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    );
  };
  try {
    ca('ca', 'svc-gen test CA');
    ca('other', 'svc-gen unrelated CA');
    leaf('server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
    leaf('wrong', 'other.example', 'subjectAltName=DNS:other.example\nextendedKeyUsage=serverAuth\n');
    leaf('client', 'caller-service', 'extendedKeyUsage=clientAuth\n');
    const read = (file: string) => readFileSync(join(dir, file), 'utf8');
    return {
      ca: read('ca.crt'),
      otherCa: read('other.crt'),
      serverCert: read('server.crt'),
      serverKey: read('server.key'),
      wrongHostCert: read('wrong.crt'),
      wrongHostKey: read('wrong.key'),
      clientCert: read('client.crt'),
      clientKey: read('client.key'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
