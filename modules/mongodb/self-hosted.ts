/**
 * The self-managed alternative to Atlas: MongoDB on one EC2 instance in a private subnet, its data on a separate encrypted
 * EBS volume, daily `mongodump` archives streamed to a private S3 bucket.
 *
 * - The instance comes from a launch template whose AMI is `resolve:ssm:<parameter>` (Amazon Linux 2023 by default),
 *   so the stack needs no AMI lookup and plans offline; a newer AMI does not show up as drift.
 * - The data volume is its own resource (prevent_destroy and a final snapshot while `deletionProtection` is on), so
 *   replacing the instance (e.g. after a user-data change) re-attaches the same data.
 * - Its security group `<name>-mongodb` admits nothing until the caller wires the app tier:
 *   `allowTraffic(appSg, mongo.securityGroup, { port: 27017, description })`. Egress is 443 only (package
 *   repositories, S3, Secrets Manager, SSM).
 * - On first boot the instance creates an `admin` (root) and a `backup` user with generated passwords and stores them
 *   in a Secrets Manager secret the module creates empty: no database password passes through Terraform or its state.
 * - The instance role may put objects into the backup bucket, read and write its own secret, and use SSM Session
 *   Manager (no SSH, no key pair).
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EbsVolume } from '@cdktf/provider-aws/lib/ebs-volume';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { VolumeAttachment } from '@cdktf/provider-aws/lib/volume-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { awsPartition, checkInteger, checkS3BucketName } from '../core/checks';
import { SecureBucket } from '../core/secure-bucket';
import { SecurityGroup } from '../core/security-group';
import { assertNoIssues, type ValidationIssue } from '../core/validation';
import { mongodbUserData } from './user-data';

/** SSM parameter with the latest Amazon Linux 2023 AMI for x86_64 (t3 and other Intel/AMD types). */
export const AL2023_X86_64_AMI_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
/** The data volume's device name; Amazon Linux links the NVMe device to it. */
const DATA_DEVICE_NAME = '/dev/sdf';
/** The MongoDB port, for the caller's `allowTraffic`. */
export const MONGODB_PORT = 27017;

export interface SelfHostedMongoDataVolumeProps {
  /** Size of the gp3 data volume in GiB, 1 to 16384. Default: 50. */
  readonly sizeGiB?: number;
  /** Provisioned IOPS, 3000 to 16000. Default: 3000 (gp3 baseline, no extra cost). */
  readonly iops?: number;
  /** Provisioned throughput in MiB/s, 125 to 1000. Default: 125 (gp3 baseline). */
  readonly throughputMiBps?: number;
}

export interface SelfHostedMongoProps {
  /** Prefix of every name (`<name>-mongodb`, the S3 key prefix): 1-24 lowercase letters, digits, hyphens. Required. */
  readonly name: string;
  /** The 12-digit account id: scopes the role's trust policy and names the backup bucket. Required. */
  readonly accountId: string;
  /** The AWS region, e.g. `us-east-1`: names the bucket and the partition of managed policy ARNs. Required. */
  readonly region: string;
  /** VPC of the instance's security group. Required. */
  readonly vpcId: string;
  /** A private subnet (no route from the internet) for the instance. Required. */
  readonly subnetId: string;
  /** The subnet's availability zone; the data volume must live in it. Required. */
  readonly availabilityZone: string;
  /** EC2 instance type; its architecture must match the AMI (a Graviton `g` type needs an arm64 AMI). Default: `t3.medium`. */
  readonly instanceType?: string;
  /** SSM parameter holding the AMI id, used as `resolve:ssm:<parameter>`. Default: Amazon Linux 2023 x86_64. */
  readonly amiSsmParameter?: string;
  /** MongoDB release series installed from the mongodb-org repository. Default: `7.0`. */
  readonly mongoDbVersion?: string;
  /** Size of the root volume in GiB (encrypted gp3), 8 to 1024. Default: 20. */
  readonly rootVolumeSizeGiB?: number;
  /** The data volume (encrypted gp3, always). Default: 50 GiB at the gp3 baseline. */
  readonly dataVolume?: SelfHostedMongoDataVolumeProps;
  /** KMS key ARN for the volumes and the users' secret. Default: none (the account's AWS managed keys). */
  readonly kmsKeyArn?: string;
  /** Name of the backup bucket. Default: `<name>-mongodb-backups-<accountId>-<region>` (63 characters at most). */
  readonly backupBucketName?: string;
  /** Days a dump (and a replaced version of it) stays in the bucket, 1 to 3650. Default: 35. */
  readonly backupRetentionDays?: number;
  /** UTC hour of the daily dump, 0-23. Default: 3. */
  readonly backupHourUtc?: number;
  /**
   * Termination protection on the instance; `prevent_destroy` and a final snapshot on the data volume.
   * Default: true (false only for throw-away environments).
   */
  readonly deletionProtection?: boolean;
  /** Tags on every resource of the module, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class SelfHostedMongo extends Construct {
  readonly instance: Instance;
  readonly instanceId: string;
  /** The address applications connect to: `mongodb://<user>:<password>@<privateIp>:27017/<db>`. */
  readonly privateIp: string;
  readonly launchTemplate: LaunchTemplate;
  /** `<name>-mongodb`, no ingress until the caller's allowTraffic. */
  readonly securityGroup: SecurityGroup;
  readonly dataVolume: EbsVolume;
  readonly dataVolumeAttachment: VolumeAttachment;
  /** The hardened backup bucket: versioning, SSE-S3, public access blocks, ownership, lifecycle, TLS-only policy. */
  readonly backupSecureBucket: SecureBucket;
  readonly backupBucket: S3Bucket;
  readonly backupBucketName: string;
  readonly role: IamRole;
  readonly instanceProfile: IamInstanceProfile;
  /** Holds `{username, password, backupUsername, backupPassword}` once the instance has booted. */
  readonly adminSecret: SecretsmanagerSecret;
  readonly adminSecretArn: string;
  /** The first-boot script (before base64). */
  readonly userData: string;

  constructor(scope: Construct, id: string, props: SelfHostedMongoProps) {
    super(scope, id);
    assertNoIssues(`SelfHostedMongo "${this.node.path}" props`, validateSelfHostedMongoProps(props));
    const name = props.name;
    const partition = awsPartition(props.region);
    const deletionProtection = props.deletionProtection ?? true;
    const backupRetentionDays = props.backupRetentionDays ?? 35;
    const tagged = (suffix: string) => ({ ...props.tags, Name: `${name}-${suffix}` });

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${name}-mongodb`,
      description: `MongoDB on EC2 (${name}); clients are admitted by allowTraffic on port ${MONGODB_PORT}`,
      vpcId: props.vpcId,
      egress: {
        'https-anywhere': {
          description: 'HTTPS to package repositories, S3, Secrets Manager and SSM',
          port: 443,
          peer: { cidrIpv4: '0.0.0.0/0' },
        },
      },
      tags: props.tags,
    });

    const backupBucketName = props.backupBucketName ?? defaultBackupBucketName(props);
    this.backupSecureBucket = new SecureBucket(this, 'backup-bucket', {
      bucketName: backupBucketName,
      encryption: { algorithm: 'AES256' },
      lifecycleRules: [
        {
          id: 'expire-backups',
          prefix: '',
          expirationDays: backupRetentionDays,
          // Versioning keeps an overwritten or deleted dump; it goes after the same retention.
          noncurrentVersionExpirationDays: backupRetentionDays,
          // A dump that failed mid-stream leaves multipart parts the instance may not abort itself.
          abortIncompleteMultipartUploadDays: 1,
        },
      ],
      tags: { ...props.tags, Name: backupBucketName },
    });
    this.backupBucket = this.backupSecureBucket.bucket;
    this.backupBucketName = this.backupSecureBucket.bucketName;

    const adminSecretName = `${name}/mongodb/users`;
    this.adminSecret = new SecretsmanagerSecret(this, 'admin-secret', {
      name: adminSecretName,
      description: `MongoDB admin and backup users of ${name}-mongodb; written by the instance on first boot`,
      recoveryWindowInDays: 30,
      kmsKeyId: props.kmsKeyArn,
      tags: tagged('mongodb-users'),
    });
    this.adminSecretArn = this.adminSecret.arn;

    const dataVolume = props.dataVolume ?? {};
    this.dataVolume = new EbsVolume(this, 'data-volume', {
      availabilityZone: props.availabilityZone,
      type: 'gp3',
      size: dataVolume.sizeGiB ?? 50,
      iops: dataVolume.iops ?? 3000,
      throughput: dataVolume.throughputMiBps ?? 125,
      encrypted: true,
      kmsKeyId: props.kmsKeyArn,
      finalSnapshot: deletionProtection,
      tags: tagged('mongodb-data'),
      lifecycle: deletionProtection ? { preventDestroy: true } : undefined,
    });

    const { role, instanceProfile } = this.createRole(props, partition);
    this.role = role;
    this.instanceProfile = instanceProfile;

    this.userData = mongodbUserData({
      name,
      region: props.region,
      mongoDbVersion: props.mongoDbVersion ?? '7.0',
      dataDeviceName: DATA_DEVICE_NAME,
      backupBucketName,
      adminSecretName,
      backupHourUtc: props.backupHourUtc ?? 3,
    });

    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      namePrefix: `${name}-mongodb-`,
      description: `MongoDB on EC2 (${name})`,
      imageId: `resolve:ssm:${props.amiSsmParameter ?? AL2023_X86_64_AMI_PARAMETER}`,
      instanceType: props.instanceType ?? 't3.medium',
      iamInstanceProfile: { arn: this.instanceProfile.arn },
      // IMDSv2 only, one hop: a process in a container on the host cannot reach the role's credentials.
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: {
            volumeType: 'gp3',
            volumeSize: props.rootVolumeSizeGiB ?? 20,
            encrypted: 'true',
            kmsKeyId: props.kmsKeyArn,
            deleteOnTermination: 'true',
          },
        },
      ],
      userData: Buffer.from(this.userData, 'utf8').toString('base64'),
      tagSpecifications: [
        { resourceType: 'instance', tags: tagged('mongodb') },
        { resourceType: 'volume', tags: tagged('mongodb-root') },
      ],
      tags: tagged('mongodb'),
    });

    this.instance = new Instance(this, 'instance', {
      // A new template version (user data, type, AMI parameter) replaces the instance; the data volume stays.
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      subnetId: props.subnetId,
      vpcSecurityGroupIds: [this.securityGroup.securityGroupId],
      disableApiTermination: deletionProtection,
      tags: tagged('mongodb'),
    });
    this.instanceId = this.instance.id;
    this.privateIp = this.instance.privateIp;

    this.dataVolumeAttachment = new VolumeAttachment(this, 'data-volume-attachment', {
      deviceName: DATA_DEVICE_NAME,
      volumeId: this.dataVolume.id,
      instanceId: this.instance.id,
      // Detach only from a stopped instance, so mongod's last writes reach the volume.
      stopInstanceBeforeDetaching: true,
    });
  }

  private createRole(props: SelfHostedMongoProps, partition: string) {
    const assumeRole = new DataAwsIamPolicyDocument(this, 'instance-assume-role', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }],
          // No aws:SourceAccount condition: EC2 does not send that key for instance-profile roles, so it would leave
          // the instance without credentials. Only an instance profile in this account can hand out the role.
        },
      ],
    });
    const role = new IamRole(this, 'instance-role', {
      name: `${props.name}-mongodb`,
      description: `MongoDB instance of ${props.name}: backups to S3, its users' secret, SSM`,
      assumeRolePolicy: assumeRole.json,
      tags: { ...props.tags, Name: `${props.name}-mongodb` },
    });
    const secretStatement = {
      sid: 'OwnUsersSecret',
      effect: 'Allow',
      actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
      resources: [this.adminSecret.arn],
    };
    const keyStatement = props.kmsKeyArn
      ? [
          {
            sid: 'SecretKey',
            effect: 'Allow',
            actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
            resources: [props.kmsKeyArn],
          },
        ]
      : [];
    const permissions = new DataAwsIamPolicyDocument(this, 'instance-permissions', {
      statement: [
        {
          sid: 'WriteBackups',
          effect: 'Allow',
          actions: ['s3:PutObject'],
          resources: [`${this.backupBucket.arn}/*`],
        },
        secretStatement,
        ...keyStatement,
      ],
    });
    new IamRolePolicy(this, 'instance-role-policy', {
      name: 'mongodb-backups-and-users',
      role: role.id,
      policy: permissions.json,
    });
    new IamRolePolicyAttachment(this, 'instance-role-ssm', {
      role: role.name,
      policyArn: `arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
    });
    const instanceProfile = new IamInstanceProfile(this, 'instance-profile', {
      name: `${props.name}-mongodb`,
      role: role.name,
      tags: { ...props.tags, Name: `${props.name}-mongodb` },
    });
    return { role, instanceProfile };
  }
}

/** The backup bucket's name unless backupBucketName is set: `<name>-mongodb-backups-<account>-<region>`. */
export function defaultBackupBucketName(props: Pick<SelfHostedMongoProps, 'name' | 'accountId' | 'region'>): string {
  return `${props.name}-mongodb-backups-${props.accountId}-${props.region}`;
}

const NAME = /^[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])?$/;
const ACCOUNT_ID = /^\d{12}$/;
const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d+$/;
const INSTANCE_TYPE = /^([a-z]+)(\d+)([a-z-]*)\.([a-z0-9]+)$/;
const MAJOR_VERSION = /^\d+\.\d+$/;

/** The name: 1-24 lowercase letters, digits or hyphens, not starting or ending with a hyphen. */
export function checkSelfHostedMongoName(path: string, name: string): ValidationIssue[] {
  if (NAME.test(name ?? '')) return [];
  const message = 'must be 1-24 lowercase letters, digits or hyphens, not starting or ending with a hyphen';
  return [{ path, value: name, message }];
}

/**
 * The default backup bucket name `<name>-mongodb-backups-<account>-<region>` must be an S3 bucket name; reported at
 * `path` (the name's). Only meaningful for a valid name, account id and region.
 */
export function checkDefaultBackupBucketName(
  path: string,
  props: Pick<SelfHostedMongoProps, 'name' | 'accountId' | 'region'>,
): ValidationIssue[] {
  const bucketName = defaultBackupBucketName(props);
  return checkS3BucketName(path, bucketName).map((issue) => ({
    path,
    value: props.name,
    message:
      `makes the backup bucket name ${bucketName}, which is not a valid S3 bucket name: it ${issue.message}; ` +
      'choose a shorter name or set backupBucketName',
  }));
}

export function checkSelfHostedMongoRegion(path: string, region: string): ValidationIssue[] {
  if (AWS_REGION.test(region ?? '')) return [];
  return [{ path, value: region, message: 'must be an AWS region like us-east-1' }];
}

/** An EC2 instance type like t3.medium. */
export function checkMongoInstanceType(path: string, instanceType: string): ValidationIssue[] {
  if (INSTANCE_TYPE.test(instanceType)) return [];
  return [{ path, value: instanceType, message: 'must be an EC2 instance type like t3.medium' }];
}

/**
 * The AMI parameter: a path starting with /, whose architecture (when it names one) matches the instance type's
 * (Graviton types, with a `g` after the generation, are arm64). Reported at `path`, the parameter's.
 */
export function checkAmiArchitecture(path: string, amiParameter: string, instanceType: string): ValidationIssue[] {
  if (!amiParameter.startsWith('/')) {
    const message = 'must be an SSM parameter path starting with /, e.g. ' + AL2023_X86_64_AMI_PARAMETER;
    return [{ path, value: amiParameter, message }];
  }
  const typeMatch = INSTANCE_TYPE.exec(instanceType);
  if (!typeMatch) return [];
  const graviton = (typeMatch[3] ?? '').includes('g');
  const amiArch = /arm64|aarch64/.test(amiParameter) ? 'arm64' : /x86_64/.test(amiParameter) ? 'x86_64' : undefined;
  if (!amiArch || (graviton ? amiArch === 'arm64' : amiArch === 'x86_64')) return [];
  const message = `is an ${amiArch} AMI but ${instanceType} is ${graviton ? 'arm64 (Graviton)' : 'x86_64'}`;
  return [{ path, value: amiParameter, message }];
}

export function checkDataVolumeSize(path: string, sizeGiB: number): ValidationIssue[] {
  return checkInteger(path, sizeGiB, 1, 16384, 'a whole number of GiB');
}

export function checkSelfHostedBackupRetention(path: string, days: number): ValidationIssue[] {
  return checkInteger(path, days, 1, 3650, 'a whole number of days');
}

/** Every rule the constructor enforces, as a pure function. */
export function validateSelfHostedMongoProps(props: SelfHostedMongoProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (path: string, value: unknown, message: string) => issues.push({ path, value, message });
  const wholeIn = (path: string, value: number, min: number, max: number, unit: string) =>
    issues.push(...checkInteger(path, value, min, max, `a whole number of ${unit}`));

  issues.push(...checkSelfHostedMongoName('name', props.name));
  if (!ACCOUNT_ID.test(props.accountId ?? '')) add('accountId', props.accountId, 'must be a 12-digit AWS account id');
  issues.push(...checkSelfHostedMongoRegion('region', props.region));
  if (!Token.isUnresolved(props.availabilityZone) && !(props.availabilityZone ?? '').startsWith(props.region ?? '')) {
    add('availabilityZone', props.availabilityZone, `must be an availability zone of region ${props.region}`);
  }

  const instanceType = props.instanceType ?? 't3.medium';
  issues.push(...checkMongoInstanceType('instanceType', instanceType));
  issues.push(
    ...checkAmiArchitecture('amiSsmParameter', props.amiSsmParameter ?? AL2023_X86_64_AMI_PARAMETER, instanceType),
  );
  const version = props.mongoDbVersion ?? '7.0';
  if (!MAJOR_VERSION.test(version)) add('mongoDbVersion', version, 'must be a release series like 7.0 or 8.0');

  wholeIn('rootVolumeSizeGiB', props.rootVolumeSizeGiB ?? 20, 8, 1024, 'GiB');
  issues.push(...checkDataVolumeSize('dataVolume.sizeGiB', props.dataVolume?.sizeGiB ?? 50));
  wholeIn('dataVolume.iops', props.dataVolume?.iops ?? 3000, 3000, 16000, 'IOPS');
  wholeIn('dataVolume.throughputMiBps', props.dataVolume?.throughputMiBps ?? 125, 125, 1000, 'MiB/s');
  issues.push(...checkSelfHostedBackupRetention('backupRetentionDays', props.backupRetentionDays ?? 35));
  wholeIn('backupHourUtc', props.backupHourUtc ?? 3, 0, 23, 'hours');

  if (NAME.test(props.name ?? '') && ACCOUNT_ID.test(props.accountId ?? '') && AWS_REGION.test(props.region ?? '')) {
    if (props.backupBucketName !== undefined) {
      issues.push(...checkS3BucketName('backupBucketName', props.backupBucketName));
    } else {
      issues.push(...checkDefaultBackupBucketName('name', props));
    }
  }
  return issues;
}
