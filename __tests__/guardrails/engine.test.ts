/**
 * The pack as synth runs it: suppressions at constructs and in config (reason shown, a suppression that matches
 * nothing fails), the one-line errors that stop synth, the report table and SARIF, and a deliberately insecure stack
 * that fails synth with one clear line per finding.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '../../modules/core/validation';
import {
  attachGuardrails,
  blueprintsPack,
  checkStack,
  definePack,
  formatStackTable,
  GuardrailsError,
  suppress,
  toSarif,
  type GuardrailsRun,
} from '../../src/guardrails';
import { ruleById } from '../../src/guardrails/packs';
import { resource, stack, view } from './fixtures';

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function app(): App {
  const outdir = mkdtempSync(join(tmpdir(), 'guardrails-test-'));
  outdirs.push(outdir);
  return new App({ outdir });
}

/** A stack with one world-open SSH rule under construct `web`. */
function sshStack(scope: App, name = 'web-dev'): { stack: TerraformStack; web: Construct } {
  const stack = new TerraformStack(scope, name);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const web = new Construct(stack, 'web');
  const group = new SecurityGroup(web, 'sg', { name: 'web', description: 'web hosts', vpcId: 'vpc-1' });
  new VpcSecurityGroupIngressRule(web, 'ssh', {
    securityGroupId: group.id,
    cidrIpv4: '0.0.0.0/0',
    fromPort: 22,
    toPort: 22,
    ipProtocol: 'tcp',
    description: 'SSH',
  });
  return { stack, web };
}

const sshOnly = definePack('ssh', ruleById('ec2-no-world-admin-ports')!);

function synthError(scope: App): GuardrailsError {
  try {
    scope.synth();
  } catch (error) {
    if (error instanceof GuardrailsError) return error;
    throw error;
  }
  throw new Error('synth did not fail');
}

describe('synth with the pack attached', () => {
  it('stops on an unsuppressed error with the stack, the construct path, the rule id, the fix and how to suppress', () => {
    const scope = app();
    sshStack(scope);
    attachGuardrails(scope, { pack: sshOnly, production: () => false });
    const error = synthError(scope);
    expect(error).toBeInstanceOf(ValidationError);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('Guardrails: 1 error stops synth (web-dev):');
    expect(lines[1]).toBe(
      '  - web-dev web-dev/web/ssh ec2-no-world-admin-ports: SSH (22) is open to 0.0.0.0/0. ' +
        'Fix: allow SSH from known CIDRs only, or drop it and use SSM Session Manager.',
    );
    expect(lines[2]).toMatch(/^To accept a finding as a deliberate choice, suppress it with a reason: suppress\(/);
  });

  it('passes a finding suppressed at an enclosing construct, and reports it with the reason', () => {
    const scope = app();
    const { web } = sshStack(scope);
    suppress(web, 'ec2-no-world-admin-ports', 'a bastion for the incident drill, removed after it');
    const run = attachGuardrails(scope, { pack: sshOnly, production: () => false });
    scope.synth();
    const [report] = run.reports;
    expect(report?.findings.map((f) => [f.status, f.block.path, f.suppression?.reason])).toEqual([
      ['suppressed', 'web-dev/web/ssh', 'a bastion for the incident drill, removed after it'],
    ]);
    // The rule also checked the group itself (no inline rules): a pass.
    expect(formatStackTable(report!, sshOnly).split('\n')).toEqual([
      'web-dev: 0 errors, 0 warnings, 1 suppressed',
      'rule                      severity  resource    result',
      '------------------------  --------  ----------  ------',
      'ec2-no-world-admin-ports  error     web/ssh     suppressed: a bastion for the incident drill, removed after it',
      'ec2-no-world-admin-ports  error     1 resource  pass',
    ]);
  });

  it('passes a finding suppressed in config by construct path', () => {
    const scope = app();
    sshStack(scope);
    const run = attachGuardrails(scope, {
      pack: sshOnly,
      production: () => false,
      suppressions: [
        {
          rule: 'ec2-no-world-admin-ports',
          path: 'web-dev/web',
          reason: 'the dev bastion, open during the workshop',
          source: 'environments.dev.guardrails.suppressions[0]',
        },
      ],
    });
    scope.synth();
    expect(run.reports[0]?.findings.map((f) => f.status)).toEqual(['suppressed']);
  });

  it('fails on a suppression that matches nothing, naming where it was declared', () => {
    const scope = app();
    const { stack } = sshStack(scope);
    suppress(stack, 'ec2-no-world-admin-ports', 'the whole stack is a bastion network');
    suppress(stack, 's3-versioning-enabled', 'no bucket here, so this matches nothing');
    attachGuardrails(scope, { production: () => false });
    const error = synthError(scope);
    expect(error.message).toContain(
      '  - web-dev web-dev: suppression of s3-versioning-enabled at web-dev matches no finding: remove it (construct).',
    );
  });

  it('fails on a config suppression for a stack the app does not have', () => {
    const scope = app();
    sshStack(scope);
    expect(() =>
      attachGuardrails(scope, {
        production: () => false,
        suppressions: [
          {
            rule: 'ec2-no-world-admin-ports',
            path: 'web-prod/web',
            reason: 'a typo in the stack name',
            source: 'cfg[0]',
          },
        ],
      }),
    ).toThrow(/cfg\[0\]: names no stack of the app \(stacks: web-dev\)/);
  });

  it('refuses a suppression without a reason', () => {
    const scope = app();
    const { web } = sshStack(scope);
    expect(() => suppress(web, 'ec2-no-world-admin-ports', 'because')).toThrow(/needs a reason of at least 20/);
  });

  it('checks every stack before stopping, so one run lists every finding', () => {
    const scope = app();
    sshStack(scope, 'web-dev');
    sshStack(scope, 'web-prod');
    attachGuardrails(scope, { pack: sshOnly, production: () => false });
    expect(synthError(scope).message.split('\n')[0]).toBe('Guardrails: 2 errors stop synth (web-dev, web-prod):');
  });
});

describe('a deliberately insecure stack', () => {
  /** World-open SSH, an unencrypted bucket, a *:* policy, IMDSv1, an OIDC trust without sub. */
  function insecure(scope: App): void {
    const { stack } = sshStack(scope, 'insecure-dev');
    new S3Bucket(stack, 'bucket', { bucket: 'insecure-dev-data' });
    new LaunchTemplate(stack, 'hosts', {
      imageId: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      metadataOptions: { httpTokens: 'optional', httpPutResponseHopLimit: 1 },
    });
    const provider = new IamOpenidConnectProvider(stack, 'github', {
      url: 'https://token.actions.githubusercontent.com',
      clientIdList: ['sts.amazonaws.com'],
    });
    const trust = new DataAwsIamPolicyDocument(stack, 'trust', {
      statement: [
        {
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [{ type: 'Federated', identifiers: [provider.arn] }],
          condition: [
            {
              test: 'StringEquals',
              variable: 'token.actions.githubusercontent.com:aud',
              values: ['sts.amazonaws.com'],
            },
          ],
        },
      ],
    });
    const role = new IamRole(stack, 'deployer', { name: 'deployer', assumeRolePolicy: trust.json });
    new IamRolePolicy(stack, 'admin', {
      role: role.id,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    });
  }

  it('fails synth with one line per finding, for each of the five faults', () => {
    const scope = app();
    insecure(scope);
    attachGuardrails(scope, { production: () => false });
    const lines = synthError(scope)
      .message.split('\n')
      .filter((line) => line.startsWith('  - '));
    const expected: Array<[string, string]> = [
      ['insecure-dev/web/ssh', 'ec2-no-world-admin-ports'],
      ['insecure-dev/bucket', 's3-bucket-encrypted'],
      ['insecure-dev/bucket', 's3-public-access-blocked'],
      ['insecure-dev/hosts', 'ec2-imdsv2'],
      ['insecure-dev/deployer', 'iam-oidc-subject'],
      ['insecure-dev/admin', 'iam-no-wildcard-action'],
    ];
    for (const [path, rule] of expected) {
      expect(lines.filter((line) => line.startsWith(`  - insecure-dev ${path} ${rule}: `))).toHaveLength(1);
    }
  });
});

describe('reports', () => {
  let run: GuardrailsRun;
  beforeAll(() => {
    const scope = app();
    const { web } = sshStack(scope);
    suppress(web, 'ec2-no-world-admin-ports', 'a bastion for the incident drill, removed after it');
    new S3Bucket(web, 'bucket', { bucket: 'web-dev-data' });
    run = attachGuardrails(scope, { production: () => false, mode: 'report' });
    scope.synth();
  });

  it('collects errors without stopping synth in report mode', () => {
    const errors = run.reports[0]!.findings.filter((f) => f.status === 'fail' && f.rule.severity === 'error');
    expect(errors.map((f) => f.rule.id)).toContain('s3-bucket-encrypted');
  });

  it('writes SARIF 2.1.0 with the pack rules, levels, locations and suppressions', () => {
    const sarif = toSarif(run.reports, run.pack, { sourceFile: () => 'src/blueprints/web/stack.ts' }) as {
      version: string;
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } };
        results: Array<{
          ruleId: string;
          level: string;
          suppressions?: Array<{ justification: string }>;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: unknown[] }>;
        }>;
      }>;
    };
    expect(sarif.version).toBe('2.1.0');
    const [sarifRun] = sarif.runs;
    expect(sarifRun!.tool.driver.rules.map((rule) => rule.id)).toEqual([
      ...blueprintsPack.rules.map((rule) => rule.id),
      'guardrails-suppression',
    ]);
    expect(sarifRun!.tool.driver.rules.find((rule) => rule.id === 's3-public-access-blocked')?.helpUri).toBe(
      'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-8',
    );
    const ssh = sarifRun!.results.find((result) => result.ruleId === 'ec2-no-world-admin-ports')!;
    expect(ssh.level).toBe('error');
    expect(ssh.suppressions).toEqual([
      { kind: 'inSource', justification: 'a bastion for the incident drill, removed after it' },
    ]);
    expect(ssh.locations[0]!.physicalLocation.artifactLocation.uri).toBe('src/blueprints/web/stack.ts');
    expect(ssh.locations[0]!.logicalLocations).toEqual([{ fullyQualifiedName: 'web-dev/web/ssh', kind: 'resource' }]);
    const encryption = sarifRun!.results.find((result) => result.ruleId === 's3-bucket-encrypted')!;
    expect(encryption.suppressions).toBeUndefined();
  });
});

describe('references between resources', () => {
  it('follows a bucket to the encryption configuration that names it, by any attribute', () => {
    const json = stack(
      resource('aws_s3_bucket', 'b', { bucket: 'x' }),
      resource('aws_s3_bucket_server_side_encryption_configuration', 'e', {
        bucket: '${aws_s3_bucket.b.bucket}',
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }],
      }),
    );
    const report = checkStack(view(json), definePack('one', ruleById('s3-bucket-encrypted')!), []);
    expect(report.findings).toEqual([]);
    expect(report.passes.get('s3-bucket-encrypted')).toBe(1);
  });
});
