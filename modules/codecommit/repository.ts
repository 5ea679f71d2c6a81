/**
 * A CodeCommit repository encrypted with a customer managed key (a new rotating key of its own unless one is given),
 * and `codeCommitRepositoryRef`, which derives a repository's ARN and HTTPS clone URL from its name, region and account,
 * so a stack can name a repository in another region without looking it up.
 *
 * The default branch takes effect once the branch exists: on a new, empty repository CodeCommit makes the first branch
 * pushed the default (the provider skips the setting while there is no branch), so push `main` first.
 */
import { CodecommitRepository } from '@cdktf/provider-aws/lib/codecommit-repository';
import { Construct } from 'constructs';
import {
  awsPartition,
  checkAccountId,
  checkKmsKeyArn,
  checkAwsRegion,
  checkText,
  isLiteral,
  isToken,
} from '../core/checks';
import { CustomerManagedKey } from '../core/kms-key';
import { assertNoIssues, type ValidationIssue } from '../core/validation';

export interface CodeCommitRepositoryProps {
  /** The repository's name, 1-100 of `A-Za-z0-9._-`, not ending in `.git`. Required. */
  readonly name: string;
  /** What the repository holds, at most 1000 characters. Default: `<name> (managed by cdktf)`. */
  readonly description?: string;
  /** The default branch (see the file header: it applies once the branch is pushed). Default: `main`. */
  readonly defaultBranch?: string;
  /** The account that owns the repository: the key policy's administrator. Required. */
  readonly accountId: string;
  /** Customer managed key for the repository's data. Default: a new rotating key (`alias/codecommit/<name>`). */
  readonly kmsKeyArn?: string;
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A repository's name, ARN and HTTPS clone URL: what another construct needs to read from or push to it. */
export interface CodeCommitRepositoryRef {
  readonly repositoryName: string;
  readonly repositoryArn: string;
  readonly cloneUrlHttp: string;
}

export class CodeCommitRepository extends Construct implements CodeCommitRepositoryRef {
  readonly repository: CodecommitRepository;
  readonly repositoryName: string;
  readonly repositoryArn: string;
  readonly cloneUrlHttp: string;
  /** The key made for the repository, when no `kmsKeyArn` was given. */
  readonly key?: CustomerManagedKey;
  /** The key the repository is encrypted with. */
  readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: CodeCommitRepositoryProps) {
    super(scope, id);
    assertNoIssues(`CodeCommitRepository "${this.node.path}" props`, validateCodeCommitRepositoryProps(props));
    const tags = props.tags ? { ...props.tags } : undefined;
    if (props.kmsKeyArn === undefined) {
      // CodeCommit uses the key with the caller's credentials, so the account's IAM policies decide who may use it.
      this.key = new CustomerManagedKey(this, 'key', {
        description: `CodeCommit repository ${props.name}`,
        alias: `codecommit/${isLiteral(props.name) ? props.name.replace(/\./g, '-') : props.name}`,
        accountId: props.accountId,
        tags,
      });
    }
    this.kmsKeyArn = props.kmsKeyArn ?? this.key!.keyArn;
    this.repository = new CodecommitRepository(this, 'repository', {
      repositoryName: props.name,
      description: props.description ?? `${props.name} (managed by cdktf)`,
      defaultBranch: props.defaultBranch ?? 'main',
      kmsKeyId: this.kmsKeyArn,
      tags,
    });
    this.repositoryName = this.repository.repositoryName;
    this.repositoryArn = this.repository.arn;
    this.cloneUrlHttp = this.repository.cloneUrlHttp;
  }
}

/** ARN and HTTPS clone URL of a repository by name (for one in another region, offline). */
export function codeCommitRepositoryRef(p: {
  /** Default: the region's partition. */
  readonly partition?: string;
  readonly region: string;
  readonly accountId: string;
  readonly name: string;
}): CodeCommitRepositoryRef {
  assertNoIssues('codeCommitRepositoryRef', [
    ...checkAwsRegion('region', p.region),
    ...checkAccountId('accountId', p.accountId),
    ...checkCodeCommitRepositoryName('name', p.name),
  ]);
  const partition = p.partition ?? awsPartition(p.region);
  const dnsSuffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return {
    repositoryName: p.name,
    repositoryArn: `arn:${partition}:codecommit:${p.region}:${p.accountId}:${p.name}`,
    cloneUrlHttp: `https://git-codecommit.${p.region}.${dnsSuffix}/v1/repos/${p.name}`,
  };
}

const REPOSITORY_NAME = /^[A-Za-z0-9._-]{1,100}$/;
/** A git branch name as CodeCommit takes it: no spaces, `..`, `~^:?*[\`, not starting or ending with `/` or `.`. */
const BRANCH_NAME = /^(?!\/|\.)(?!.*(\.\.|\/\/|@\{|\.lock$|[/.]$))[^\s~^:?*[\\]{1,256}$/;

/** A repository name: 1-100 of `A-Za-z0-9._-`, not ending in `.git`. A token passes. */
export function checkCodeCommitRepositoryName(path: string, name: unknown): ValidationIssue[] {
  if (isToken(name) || (isLiteral(name) && REPOSITORY_NAME.test(name) && !name.endsWith('.git'))) return [];
  const message = 'must be a CodeCommit repository name: 1-100 of A-Za-z0-9._-, not ending in .git';
  return [{ path, value: name, message }];
}

/** A branch name git accepts (no spaces, `..`, `~^:?*[\`; not starting or ending with `/` or `.`). */
export function checkBranchName(path: string, branch: unknown): ValidationIssue[] {
  if (typeof branch === 'string' && (!isLiteral(branch) || BRANCH_NAME.test(branch))) return [];
  const message = 'must be a git branch name: no spaces, "..", ~^:?*[\\, not starting or ending with / or .';
  return [{ path, value: branch, message }];
}

/** Every rule the constructor enforces, as a pure function. */
export function validateCodeCommitRepositoryProps(props: CodeCommitRepositoryProps): ValidationIssue[] {
  return [
    ...checkCodeCommitRepositoryName('name', props.name),
    ...(props.description === undefined ? [] : checkText('description', props.description, 1000)),
    ...checkBranchName('defaultBranch', props.defaultBranch ?? 'main'),
    ...checkAccountId('accountId', props.accountId),
    ...checkKmsKeyArn('kmsKeyArn', props.kmsKeyArn),
  ];
}
