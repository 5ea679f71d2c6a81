/**
 * The container-registry module: scanning, tag immutability, encryption, force-delete and the exact lifecycle policy
 * document ECR receives, for the defaults and for configured values; props validation at construction time.
 */
import { DefaultTokenResolver, StringConcat, Tokenization, type TerraformStack } from 'cdktf';
import {
  ContainerRepository,
  type ContainerRepositoryProps,
  type EcrLifecycleRule,
} from '../../modules/container-registry';
import { Template, testStack } from '../helpers/template';
import { rejectsEachCase, type ExpectedIssue } from '../helpers/validation';

interface Scenario {
  readonly stack: TerraformStack;
  readonly repository: ContainerRepository;
  readonly t: Template;
}

/** Builds a `ContainerRepository` with construct id `repo` in a fresh stack and synthesizes it once. */
function scenario(props: ContainerRepositoryProps): () => Scenario {
  let built: Scenario | undefined;
  beforeAll(() => {
    const stack = testStack();
    const repository = new ContainerRepository(stack, 'repo', props);
    built = { stack, repository, t: Template.fromStack(stack) };
  });
  return () => {
    if (!built) throw new Error('scenario not built');
    return built;
  };
}

/** The lifecycle policy document as ECR will parse it. */
function lifecyclePolicy(t: Template): { rules: EcrLifecycleRule[] } {
  return JSON.parse(t.resource('aws_ecr_lifecycle_policy', 'repo/lifecycle-policy').policy as string);
}

describe('ContainerRepository with default props', () => {
  const s = scenario({ name: 'portfolio-dev-backend' });

  it('creates one repository with the name, scan on push, IMMUTABLE tags, AES256 and no force delete', () => {
    const { t } = s();
    expect(t.count('aws_ecr_repository')).toBe(1);
    expect(t.resource('aws_ecr_repository', 'repo/repository')).toEqual({
      name: 'portfolio-dev-backend',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: 'AES256' }],
      force_delete: false,
    });
  });

  it('attaches one lifecycle policy to the repository', () => {
    const { t } = s();
    expect(t.count('aws_ecr_lifecycle_policy')).toBe(1);
    expect(t.resource('aws_ecr_lifecycle_policy', 'repo/lifecycle-policy').repository).toBe(
      t.ref('aws_ecr_repository', 'repo/repository', 'name'),
    );
  });

  it('expires untagged images 7 days after push and keeps the last 10 images tagged v*', () => {
    expect(lifecyclePolicy(s().t)).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: 'Expire untagged images 7 days after push',
          selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 },
          action: { type: 'expire' },
        },
        {
          rulePriority: 2,
          description: 'Keep the last 10 images tagged v*',
          selection: { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 10 },
          action: { type: 'expire' },
        },
      ],
    });
  });

  it('exposes the rules it encoded', () => {
    const { repository, t } = s();
    expect(repository.lifecycleRules).toEqual(lifecyclePolicy(t).rules);
  });

  it('exposes the repository name, URL and ARN as references to the repository', () => {
    const { repository, stack, t } = s();
    const resolved = (value: string) =>
      Tokenization.resolve(value, {
        scope: stack,
        preparing: false,
        resolver: new DefaultTokenResolver(new StringConcat()),
      }) as string;
    expect(resolved(repository.repositoryName)).toBe(t.ref('aws_ecr_repository', 'repo/repository', 'name'));
    expect(resolved(repository.repositoryUrl)).toBe(t.ref('aws_ecr_repository', 'repo/repository', 'repository_url'));
    expect(resolved(repository.repositoryArn)).toBe(t.ref('aws_ecr_repository', 'repo/repository', 'arn'));
  });
});

describe('ContainerRepository with KMS, MUTABLE tags, force delete and a configured lifecycle', () => {
  const kmsKeyArn = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const s = scenario({
    name: 'team/app',
    scanOnPush: false,
    imageTagMutability: 'MUTABLE',
    encryption: { type: 'KMS', kmsKeyArn },
    forceDelete: true,
    lifecycle: { keepTaggedImages: { tagPrefixes: ['release-', 'v'], count: 30 }, expireUntaggedAfterDays: 1 },
    tags: { team: 'platform' },
  });

  it('sets every configured repository argument', () => {
    expect(s().t.resource('aws_ecr_repository', 'repo/repository')).toEqual({
      name: 'team/app',
      image_tag_mutability: 'MUTABLE',
      image_scanning_configuration: { scan_on_push: false },
      encryption_configuration: [{ encryption_type: 'KMS', kms_key: kmsKeyArn }],
      force_delete: true,
      tags: { team: 'platform' },
    });
  });

  it('expires untagged images after 1 day and keeps the last 30 images per configured prefixes', () => {
    const { rules } = lifecyclePolicy(s().t);
    expect(rules).toHaveLength(2);
    expect(rules[0]).toMatchObject({
      rulePriority: 1,
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 },
      action: { type: 'expire' },
    });
    expect(rules[1]).toEqual({
      rulePriority: 2,
      description: 'Keep the last 30 images tagged release-*, v*',
      selection: {
        tagStatus: 'tagged',
        tagPrefixList: ['release-', 'v'],
        countType: 'imageCountMoreThan',
        countNumber: 30,
      },
      action: { type: 'expire' },
    });
  });
});

describe('ContainerRepository with KMS and the AWS-managed key, and tag patterns', () => {
  const s = scenario({
    name: 'app',
    encryption: { type: 'KMS' },
    lifecycle: { keepTaggedImages: { tagPatterns: ['*'], count: 50 } },
  });

  it('uses KMS without naming a key', () => {
    expect(s().t.resource('aws_ecr_repository', 'repo/repository').encryption_configuration).toEqual([
      { encryption_type: 'KMS' },
    ]);
  });

  it('keeps the last 50 tagged images by tagPatternList, with no tagPrefixList', () => {
    const rule = lifecyclePolicy(s().t).rules[1];
    expect(rule?.selection).toEqual({
      tagStatus: 'tagged',
      tagPatternList: ['*'],
      countType: 'imageCountMoreThan',
      countNumber: 50,
    });
    expect(rule?.description).toBe('Keep the last 50 images tagged *');
  });
});

describe('ContainerRepository props validation', () => {
  const cases: Array<[string, Partial<ContainerRepositoryProps>, ExpectedIssue]> = [
    ['an upper-case name', { name: 'Backend' }, { path: 'name', value: 'Backend', message: /^must be 2 to 256/ }],
    ['a one-letter name', { name: 'a' }, { path: 'name', value: 'a', message: /lowercase letters and digits/ }],
    ['a doubled separator', { name: 'app--x' }, { path: 'name', value: 'app--x', message: /^must be 2 to 256/ }],
    ['a trailing slash', { name: 'team/' }, { path: 'name', value: 'team/', message: /^must be 2 to 256/ }],
    [
      'an unknown tag mutability',
      { imageTagMutability: 'SOMETIMES' as never },
      { path: 'imageTagMutability', value: 'SOMETIMES', message: /^must be "IMMUTABLE" or "MUTABLE"$/ },
    ],
    [
      'an unknown encryption type',
      { encryption: { type: 'DES' as never } },
      { path: 'encryption.type', value: 'DES', message: /^must be "AES256" or "KMS"$/ },
    ],
    [
      'a KMS key with AES256',
      { encryption: { kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' } },
      {
        path: 'encryption.kmsKeyArn',
        value: 'arn:aws:kms:us-east-1:123456789012:key/abc',
        message: /^is only used with encryption\.type "KMS"$/,
      },
    ],
    [
      'a KMS key that is not an ARN',
      { encryption: { type: 'KMS', kmsKeyArn: 'my-key' } },
      { path: 'encryption.kmsKeyArn', value: 'my-key', message: /^must be a KMS key ARN/ },
    ],
    [
      'a keep count of 0',
      { lifecycle: { keepTaggedImages: { count: 0 } } },
      { path: 'lifecycle.keepTaggedImages.count', value: 0, message: /^must be a whole number of images, at least 1$/ },
    ],
    [
      'a fractional untagged expiry',
      { lifecycle: { expireUntaggedAfterDays: 1.5 } },
      {
        path: 'lifecycle.expireUntaggedAfterDays',
        value: 1.5,
        message: /^must be a whole number of days, at least 1$/,
      },
    ],
    [
      'an empty prefix list',
      { lifecycle: { keepTaggedImages: { tagPrefixes: [] } } },
      { path: 'lifecycle.keepTaggedImages.tagPrefixes', value: [], message: /^must list at least one tag$/ },
    ],
    [
      'an empty prefix',
      { lifecycle: { keepTaggedImages: { tagPrefixes: ['v', ''] } } },
      { path: 'lifecycle.keepTaggedImages.tagPrefixes[1]', value: '', message: /^must be a non-empty tag/ },
    ],
    [
      'prefixes and patterns together',
      { lifecycle: { keepTaggedImages: { tagPrefixes: ['v'], tagPatterns: ['*'] } } },
      { path: 'lifecycle.keepTaggedImages.tagPatterns', value: ['*'], message: /^cannot be combined with tagPrefixes/ },
    ],
  ];

  /** Every bad construction goes into this one stack, so that synthesizing it shows none of them left a resource. */
  const bad = rejectsEachCase({
    subject: /^Invalid ContainerRepository "invalid\/bad-\d+" props:\n {2}- /,
    cases,
    build: (stack, id, props) => new ContainerRepository(stack, id, { name: 'app', ...props }),
  });

  it('adds no resource to the stack when construction throws', () => {
    expect(Template.fromStack(bad.stack()).json.resource).toBeUndefined();
  });

  it('accepts namespaced names with single separators', () => {
    const ok = testStack('ok');
    for (const [index, name] of ['ab', 'team/app', 'a.b_c-d/e1', 'portfolio-prod-frontend'].entries()) {
      expect(() => new ContainerRepository(ok, `ok-${index}`, { name })).not.toThrow();
    }
  });
});
