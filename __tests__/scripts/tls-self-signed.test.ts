/**
 * `npm run tls:self-signed -- --env <name>` (scripts/lib/self-signed-files.ts): writes the key (0600, in a 0700
 * directory) and certificate of each stack of the environment with a self-signed certificate, for the name and
 * validity its config gives; keeps an existing key unless forced; an environment without one gets nothing, and the
 * command refuses an unknown environment with its usage.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSelfSignedCertificates } from '../../scripts/lib/self-signed-files';
import { PROJECT_ROOT } from '../../scripts/lib/terraform';
import { loadConfig } from '../../src/config/load';

const { environments } = loadConfig({});
const dev = environments.find((environment) => environment.name === 'dev')!;
const prod = environments.find((environment) => environment.name === 'prod')!;
const certificate = dev.ecsService!.certificate;

describe('writeSelfSignedCertificates', () => {
  const out = mkdtempSync(join(tmpdir(), 'tls-self-signed-'));
  const directory = join(out, 'ecs-service-dev');
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("writes the dev stack's key and certificate for its configured name, the key readable by its owner only", async () => {
    if (certificate.mode !== 'self-signed') throw new Error('dev ships a self-signed certificate');
    const [written, ...others] = await writeSelfSignedCertificates(dev, { out });
    expect(others).toEqual([]);
    expect(written).toMatchObject({
      stack: 'ecs-service-dev',
      domainName: certificate.domainName,
      keyAlgorithm: certificate.keyAlgorithm,
      keyFile: join(directory, 'private-key.pem'),
      certificateFile: join(directory, 'certificate.pem'),
      created: true,
    });
    const x509 = new X509Certificate(readFileSync(join(directory, 'certificate.pem')));
    expect(x509.subjectAltName).toBe(`DNS:${certificate.domainName}`);
    const minutes = (Date.parse(x509.validTo) - Date.parse(x509.validFrom)) / 60_000;
    expect(minutes).toBe(certificate.validityDays * 1440 + 5);
    expect(x509.checkPrivateKey(createPrivateKey(readFileSync(join(directory, 'private-key.pem'))))).toBe(true);
    expect(statSync(join(directory, 'private-key.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(directory).mode & 0o777).toBe(0o700);
  });

  it('keeps the existing key unless forced, then makes a new one', async () => {
    const before = readFileSync(join(directory, 'private-key.pem'), 'utf8');
    expect(await writeSelfSignedCertificates(dev, { out })).toEqual([expect.objectContaining({ created: false })]);
    expect(readFileSync(join(directory, 'private-key.pem'), 'utf8')).toBe(before);
    await writeSelfSignedCertificates(dev, { out, force: true });
    expect(readFileSync(join(directory, 'private-key.pem'), 'utf8')).not.toBe(before);
  });

  it('writes nothing for an environment without a self-signed certificate', async () => {
    expect(await writeSelfSignedCertificates(prod, { out })).toEqual([]);
  });
});

it('npm run tls:self-signed refuses an unknown environment with its usage (exit 2)', () => {
  const run = spawnSync(process.execPath, ['scripts/run.js', 'scripts/tls-self-signed.ts', '--env', 'qa'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(
    /^npm run tls:self-signed: no environment "qa" \(configured: dev, staging, prod\)\n\nUsage: npm run tls:self-signed -- \[options\]\n/,
  );
});
