/**
 * MongoDB both ways. Atlas (synth-level only: the mongodbatlas and random providers cannot be installed on this
 * machine, so there is no terraform plan for it): tier, nodes, region mapping, backups, the database user and its
 * generated password, the secret's JSON, the access list from literals, per-element tokens and a list token, and the
 * 0.0.0.0/0 refusal. Self-hosted: a closed security group that allowTraffic opens to the app tier only, HTTPS out
 * (cdktf matchers); encrypted volumes, IMDSv2, which groups the rules join, the backup bucket, the instance role's
 * scope, and the first-boot script (Template).
 */
import { SecurityGroup as AwsSecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import {
  AtlasCluster,
  SelfHostedMongo,
  validateAtlasClusterProps,
  type AtlasClusterProps,
} from '../../modules/mongodb';
import { atlasRegionName, type SelfHostedMongoProps } from '../../modules/mongodb';
import { allowTraffic, SecurityGroup } from '../../modules/core/security-group';
import { TerraformVariable, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { ruleWiring } from '../helpers/security-groups';
import { Template, testStack } from '../helpers/template';
import { rejectsEachCase, type ExpectedIssue } from '../helpers/validation';

const ATLAS: AtlasClusterProps = {
  orgId: '5f1a2b3c4d5e6f7a8b9c0d1e',
  projectName: 'starttech-dev',
  clusterName: 'starttech-dev',
  region: 'us-east-1',
  username: 'starttech_app',
  databases: ['starttech', 'starttech_staging'],
  allowedIps: ['203.0.113.10', '198.51.100.0/24'],
};

const SELF_HOSTED: SelfHostedMongoProps = {
  name: 'dev',
  accountId: '123456789012',
  region: 'us-east-1',
  vpcId: 'vpc-12345678',
  subnetId: 'subnet-12345678',
  availabilityZone: 'us-east-1a',
};

/** `${a.b.c}` → `a.b.c`, the form a reference takes inside a Terraform expression. */
const bare = (ref: string) => ref.slice(2, -1);

describe('AtlasCluster with the seed values (literal IPs)', () => {
  let t: Template;
  let atlas: AtlasCluster;
  beforeAll(() => {
    const stack = testStack();
    atlas = new AtlasCluster(stack, 'atlas', ATLAS);
    t = Template.fromStack(stack);
  });

  it('creates the project in the organization', () => {
    expect(t.resource('mongodbatlas_project', 'atlas/project')).toEqual({
      name: 'starttech-dev',
      org_id: '5f1a2b3c4d5e6f7a8b9c0d1e',
    });
  });

  it('creates an M10 3-node replica set on AWS US_EAST_1 with MongoDB 7.0, TLS 1.2+ and termination protection', () => {
    expect(t.count('mongodbatlas_advanced_cluster')).toBe(1);
    expect(t.resource('mongodbatlas_advanced_cluster', 'atlas/cluster')).toEqual({
      project_id: t.ref('mongodbatlas_project', 'atlas/project'),
      name: 'starttech-dev',
      cluster_type: 'REPLICASET',
      mongo_db_major_version: '7.0',
      backup_enabled: true,
      pit_enabled: true,
      retain_backups_enabled: true,
      termination_protection_enabled: true,
      advanced_configuration: { minimum_enabled_tls_protocol: 'TLS1_2' },
      replication_specs: [
        {
          region_configs: [
            {
              provider_name: 'AWS',
              region_name: 'US_EAST_1',
              priority: 7,
              electable_specs: { instance_size: 'M10', node_count: 3 },
            },
          ],
        },
      ],
    });
    expect(atlas.atlasRegion).toBe('US_EAST_1');
  });

  it('keeps daily snapshots 35 days and a 7-day point-in-time window with 6-hourly snapshots', () => {
    expect(t.resource('mongodbatlas_cloud_backup_schedule', 'atlas/backup-schedule')).toEqual({
      project_id: t.ref('mongodbatlas_advanced_cluster', 'atlas/cluster', 'project_id'),
      cluster_name: t.ref('mongodbatlas_advanced_cluster', 'atlas/cluster', 'name'),
      reference_hour_of_day: 3,
      reference_minute_of_hour: 0,
      restore_window_days: 7,
      policy_item_hourly: { frequency_interval: 6, retention_unit: 'days', retention_value: 7 },
      policy_item_daily: { frequency_interval: 1, retention_unit: 'days', retention_value: 35 },
    });
  });

  it('generates a 32-character password without special characters', () => {
    expect(t.resource('random_password', 'atlas/password')).toEqual({ length: 32, special: false });
  });

  it('creates the user with readWrite on each database, scoped to the cluster, with the generated password', () => {
    expect(t.resource('mongodbatlas_database_user', 'atlas/database-user')).toEqual({
      project_id: t.ref('mongodbatlas_project', 'atlas/project'),
      username: 'starttech_app',
      password: t.ref('random_password', 'atlas/password', 'result'),
      auth_database_name: 'admin',
      roles: [
        { role_name: 'readWrite', database_name: 'starttech' },
        { role_name: 'readWrite', database_name: 'starttech_staging' },
      ],
      scopes: [{ name: t.ref('mongodbatlas_advanced_cluster', 'atlas/cluster', 'name'), type: 'CLUSTER' }],
    });
  });

  it('stores username, password, SRV address and databases as JSON in a secret with a 30-day recovery window', () => {
    expect(t.resource('aws_secretsmanager_secret', 'atlas/secret')).toEqual({
      name: 'mongodb-atlas/starttech-dev/starttech_app',
      description: 'MongoDB Atlas credentials of starttech_app on starttech-dev',
      recovery_window_in_days: 30,
    });
    const username = bare(t.ref('mongodbatlas_database_user', 'atlas/database-user', 'username'));
    const password = bare(t.ref('random_password', 'atlas/password', 'result'));
    const cluster = bare(t.ref('mongodbatlas_advanced_cluster', 'atlas/cluster', 'connection_strings'));
    expect(t.resource('aws_secretsmanager_secret_version', 'atlas/secret-value')).toEqual({
      secret_id: t.ref('aws_secretsmanager_secret', 'atlas/secret'),
      secret_string:
        `\${jsonencode({"username" = ${username}, "password" = ${password}, ` +
        `"srvConnectionString" = ${cluster}[0].standard_srv, "databases" = ["starttech", "starttech_staging"]})}`,
    });
  });

  it('adds one access-list entry per literal: an address as ip_address, a block as cidr_block', () => {
    expect(t.count('mongodbatlas_project_ip_access_list')).toBe(2);
    const project = t.ref('mongodbatlas_project', 'atlas/project');
    expect(t.resource('mongodbatlas_project_ip_access_list', 'atlas/access-list-0')).toEqual({
      project_id: project,
      ip_address: '203.0.113.10',
      comment: 'allowed by the AtlasCluster module',
    });
    expect(t.resource('mongodbatlas_project_ip_access_list', 'atlas/access-list-1')).toEqual({
      project_id: project,
      cidr_block: '198.51.100.0/24',
      comment: 'allowed by the AtlasCluster module',
    });
    expect(atlas.accessListEntries).toHaveLength(2);
  });
});

describe('AtlasCluster with a list token, a per-element token and non-default sizes', () => {
  let t: Template;
  beforeAll(() => {
    const stack = testStack();
    const natIps = new TerraformVariable(stack, 'nat_ips', { type: 'list(string)' });
    const oneIp = new TerraformVariable(stack, 'office_ip', { type: 'string' });
    new AtlasCluster(stack, 'from-list', {
      ...ATLAS,
      clusterName: 'prod',
      region: 'eu-west-2',
      instanceSize: 'M30',
      electableNodes: 5,
      mongoDbMajorVersion: '8.0',
      terminationProtection: false,
      backupRetentionDays: 60,
      pointInTimeRestoreWindowDays: 14,
      secretName: 'starttech/prod/mongodb',
      secretRecoveryWindowDays: 7,
      secretKmsKeyArn: 'arn:aws:kms:eu-west-2:123456789012:key/abcd',
      allowedIps: natIps.listValue,
    });
    new AtlasCluster(stack, 'per-element', { ...ATLAS, clusterName: 'other', allowedIps: [oneIp.stringValue] });
    new AtlasCluster(stack, 'anywhere', {
      ...ATLAS,
      clusterName: 'open',
      allowedIps: ['0.0.0.0/0'],
      allowAccessFromAnywhere: true,
    });
    t = Template.fromStack(stack);
  });

  it('maps the AWS region and sizes the cluster from the props', () => {
    expect(t.resource('mongodbatlas_advanced_cluster', 'from-list/cluster')).toMatchObject({
      mongo_db_major_version: '8.0',
      termination_protection_enabled: false,
      replication_specs: [
        {
          region_configs: [
            { region_name: 'EU_WEST_2', electable_specs: { instance_size: 'M30', node_count: 5 }, priority: 7 },
          ],
        },
      ],
    });
  });

  it('applies the backup retention and restore window', () => {
    expect(t.resource('mongodbatlas_cloud_backup_schedule', 'from-list/backup-schedule')).toMatchObject({
      restore_window_days: 14,
      policy_item_hourly: { retention_value: 14 },
      policy_item_daily: { retention_unit: 'days', retention_value: 60 },
    });
  });

  it('names the secret, shortens its recovery window and encrypts it with the key', () => {
    expect(t.resource('aws_secretsmanager_secret', 'from-list/secret')).toMatchObject({
      name: 'starttech/prod/mongodb',
      recovery_window_in_days: 7,
      kms_key_id: 'arn:aws:kms:eu-west-2:123456789012:key/abcd',
    });
  });

  it('counts one entry per element of a list token, as a /32 unless it is a block, guarded against /0', () => {
    const element = 'element(var.nat_ips, count.index)';
    const cidr = `strcontains(${element}, "/") ? ${element} : format("%s/32", ${element})`;
    expect(t.resource('mongodbatlas_project_ip_access_list', 'from-list/access-list')).toEqual({
      count: '${length(var.nat_ips)}',
      project_id: t.ref('mongodbatlas_project', 'from-list/project'),
      cidr_block: `\${${cidr}}`,
      comment: 'allowed by the AtlasCluster module',
      lifecycle: {
        precondition: [
          {
            condition: `\${!endswith(${cidr}, "/0")}`,
            error_message: expect.stringContaining('allowAccessFromAnywhere'),
          },
        ],
      },
    });
  });

  it('gives a per-element token its own entry with the same expression and guard', () => {
    const cidr = 'strcontains(var.office_ip, "/") ? var.office_ip : format("%s/32", var.office_ip)';
    expect(t.resource('mongodbatlas_project_ip_access_list', 'per-element/access-list-0')).toMatchObject({
      cidr_block: `\${${cidr}}`,
      lifecycle: { precondition: [{ condition: `\${!endswith(${cidr}, "/0")}` }] },
    });
  });

  it('accepts 0.0.0.0/0 only with allowAccessFromAnywhere', () => {
    expect(t.resource('mongodbatlas_project_ip_access_list', 'anywhere/access-list-0')).toMatchObject({
      cidr_block: '0.0.0.0/0',
    });
  });
});

describe('atlasRegionName', () => {
  it.each([
    ['us-east-1', 'US_EAST_1'],
    ['us-west-2', 'US_WEST_2'],
    ['eu-central-1', 'EU_CENTRAL_1'],
    ['ap-southeast-2', 'AP_SOUTHEAST_2'],
  ])('maps %s to %s', (aws, atlas) => expect(atlasRegionName(aws)).toBe(atlas));
});

describe('AtlasCluster validation', () => {
  const cases: Array<[string, Partial<AtlasClusterProps>, ExpectedIssue]> = [
    [
      '0.0.0.0/0 without allowAccessFromAnywhere',
      { allowedIps: ['203.0.113.10', '0.0.0.0/0'] },
      {
        path: 'allowedIps[1]',
        value: '0.0.0.0/0',
        message: /^opens the cluster to every address on the internet; set allowAccessFromAnywhere: true/,
      },
    ],
    [
      'an empty access list',
      { allowedIps: [] },
      { path: 'allowedIps', value: [], message: /^must list at least one IPv4 address or CIDR block$/ },
    ],
    [
      'a malformed address',
      { allowedIps: ['300.1.2.3'] },
      { path: 'allowedIps[0]', value: '300.1.2.3', message: /^must be an IPv4 address or CIDR block/ },
    ],
    [
      'a retired shared tier',
      { instanceSize: 'M5' },
      { path: 'instanceSize', value: 'M5', message: /^must be a dedicated Atlas tier, M10 or larger/ },
    ],
    ['Flex', { instanceSize: 'FLEX' }, { path: 'instanceSize', value: 'FLEX', message: /Flex has no backup policy/ }],
    ['an even node count', { electableNodes: 4 }, { path: 'electableNodes', value: 4, message: /^must be 3, 5 or 7/ }],
    [
      'a GovCloud region',
      { region: 'us-gov-west-1' },
      { path: 'region', value: 'us-gov-west-1', message: /^must be a commercial AWS region/ },
    ],
    [
      'a restore window longer than the retention',
      { backupRetentionDays: 7, pointInTimeRestoreWindowDays: 8 },
      { path: 'pointInTimeRestoreWindowDays', value: 8, message: /^must be a whole number of days from 1 to .*\(7\)$/ },
    ],
    [
      'readWrite on admin',
      { databases: ['starttech', 'admin'] },
      { path: 'databases[1]', value: 'admin', message: /^must be an application database/ },
    ],
    [
      'a database name with a dot',
      { databases: ['star.tech'] },
      { path: 'databases[0]', value: 'star.tech', message: /^must be a MongoDB database name/ },
    ],
    [
      'a username that needs URI escaping',
      { username: 'app@x' },
      { path: 'username', value: 'app@x', message: /^must be 1-64 of A-Za-z0-9\._-/ },
    ],
    [
      'a malformed organization id',
      { orgId: 'my-org' },
      { path: 'orgId', value: 'my-org', message: /^must be an Atlas organization id/ },
    ],
    [
      'a cluster name with an underscore',
      { clusterName: 'star_tech' },
      { path: 'clusterName', value: 'star_tech', message: /^must be 1-64 letters, digits or hyphens/ },
    ],
    [
      'a secret recovery window Secrets Manager does not offer',
      { secretRecoveryWindowDays: 3 },
      { path: 'secretRecoveryWindowDays', value: 3, message: /^must be a whole number of days from 7 to 30$/ },
    ],
  ];

  const bad = rejectsEachCase({
    subject: /^Invalid AtlasCluster "invalid\/bad-\d+" props:\n {2}- /,
    cases,
    build: (stack, id, props) => new AtlasCluster(stack, id, { ...ATLAS, ...props }),
  });

  it('accepts the seed values', () => {
    expect(validateAtlasClusterProps(ATLAS)).toEqual([]);
  });

  it('adds no resource to the stack when construction throws', () => {
    expect(Template.fromStack(bad.stack()).json.resource).toBeUndefined();
  });
});

/** A `SelfHostedMongo` `mongo` with default props, and an app group `app` that allowTraffic lets in on 27017. */
function mongoWithApp(scope: Construct): SelfHostedMongo {
  const mongo = new SelfHostedMongo(scope, 'mongo', SELF_HOSTED);
  const app = new SecurityGroup(scope, 'app', { name: 'dev-app', description: 'app', vpcId: 'vpc-12345678' });
  allowTraffic(app, mongo.securityGroup, { port: 27017, description: 'app to MongoDB' });
  return mongo;
}

describe('SelfHostedMongo security group (cdktf matchers)', () => {
  describe('wired to an app tier', () => {
    const synthesized = Testing.synthScope(mongoWithApp);

    it('is the group <name>-mongodb in the VPC', () => {
      expect(synthesized).toHaveResourceWithProperties(AwsSecurityGroup, {
        name: 'dev-mongodb',
        vpc_id: 'vpc-12345678',
      });
    });

    it('admits the app on TCP 27017, and no CIDR', () => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        description: 'app to MongoDB',
        ip_protocol: 'tcp',
        from_port: 27017,
        to_port: 27017,
      });
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        cidr_ipv4: expect.anything(),
      });
    });

    it('sends TCP 443 to 0.0.0.0/0, and no other protocol', () => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
        description: 'HTTPS to package repositories, S3, Secrets Manager and SSM',
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_ipv4: '0.0.0.0/0',
      });
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { ip_protocol: '-1' });
    });
  });

  it('has no ingress rule until a caller adds one', () => {
    const synthesized = Testing.synthScope((scope) => {
      new SelfHostedMongo(scope, 'mongo', SELF_HOSTED);
    });
    expect(synthesized).not.toHaveResource(VpcSecurityGroupIngressRule);
  });
});

describe('SelfHostedMongo with default props, wired to an app tier', () => {
  let t: Template;
  let mongo: SelfHostedMongo;
  let userData: string;
  beforeAll(() => {
    const stack = testStack();
    mongo = mongoWithApp(stack);
    t = Template.fromStack(stack);
    const launchTemplate = t.resource('aws_launch_template', 'mongo/launch-template');
    userData = Buffer.from(launchTemplate.user_data as string, 'base64').toString('utf8');
  });

  describe('instance', () => {
    it('launches t3.medium from the Amazon Linux 2023 SSM parameter with IMDSv2 required and one hop', () => {
      expect(t.resource('aws_launch_template', 'mongo/launch-template')).toMatchObject({
        name_prefix: 'dev-mongodb-',
        image_id: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
        instance_type: 't3.medium',
        iam_instance_profile: { arn: t.ref('aws_iam_instance_profile', 'mongo/instance-profile', 'arn') },
        metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 },
      });
    });

    it('encrypts the 20 GiB gp3 root volume', () => {
      expect(t.resource('aws_launch_template', 'mongo/launch-template').block_device_mappings).toEqual([
        {
          device_name: '/dev/xvda',
          ebs: { volume_type: 'gp3', volume_size: 20, encrypted: 'true', delete_on_termination: 'true' },
        },
      ]);
    });

    it('runs the latest template version in the private subnet with only its own group, termination-protected', () => {
      expect(t.count('aws_instance')).toBe(1);
      expect(t.resource('aws_instance', 'mongo/instance')).toEqual({
        launch_template: {
          id: t.ref('aws_launch_template', 'mongo/launch-template'),
          version: t.ref('aws_launch_template', 'mongo/launch-template', 'latest_version'),
        },
        subnet_id: 'subnet-12345678',
        vpc_security_group_ids: [t.ref('aws_security_group', 'mongo/security-group')],
        disable_api_termination: true,
        tags: { Name: 'dev-mongodb' },
      });
    });
  });

  describe('data volume', () => {
    it('is an encrypted 50 GiB gp3 volume in the subnet AZ, protected from destroy, with a final snapshot', () => {
      expect(t.resource('aws_ebs_volume', 'mongo/data-volume')).toEqual({
        availability_zone: 'us-east-1a',
        type: 'gp3',
        size: 50,
        iops: 3000,
        throughput: 125,
        encrypted: true,
        final_snapshot: true,
        tags: { Name: 'dev-mongodb-data' },
        lifecycle: { prevent_destroy: true },
      });
    });

    it('is attached as /dev/sdf, stopping the instance before a detach', () => {
      expect(t.resource('aws_volume_attachment', 'mongo/data-volume-attachment')).toEqual({
        device_name: '/dev/sdf',
        volume_id: t.ref('aws_ebs_volume', 'mongo/data-volume'),
        instance_id: t.ref('aws_instance', 'mongo/instance'),
        stop_instance_before_detaching: true,
      });
    });
  });

  describe('security group', () => {
    it('has one ingress rule, on the MongoDB group, from the app group (it comes from allowTraffic)', () => {
      expect(ruleWiring(t, 'ingress')).toEqual({
        'mongo/security-group/ingress-from-dev-app-27017': {
          group: 'mongo/security-group/group',
          peerGroup: 'app/group',
        },
      });
    });

    it('has one egress rule of its own (HTTPS out), on the MongoDB group', () => {
      expect(ruleWiring(t, 'egress')).toEqual({
        'mongo/security-group/egress-https-anywhere': { group: 'mongo/security-group/group' },
        'app/egress-to-dev-mongodb-27017': { group: 'app/group', peerGroup: 'mongo/security-group/group' },
      });
    });
  });

  describe('backup bucket', () => {
    const bucket = () => t.ref('aws_s3_bucket', 'mongo/backup-bucket/bucket');

    it('is named from name, account and region, and is never force-destroyed', () => {
      expect(t.resource('aws_s3_bucket', 'mongo/backup-bucket/bucket')).toEqual({
        bucket: 'dev-mongodb-backups-123456789012-us-east-1',
        force_destroy: false,
        tags: { Name: 'dev-mongodb-backups-123456789012-us-east-1' },
      });
    });

    it('is versioned, AES256-encrypted, owner-enforced and blocks every kind of public access', () => {
      expect(t.resource('aws_s3_bucket_versioning', 'mongo/backup-bucket/versioning')).toEqual({
        bucket: bucket(),
        versioning_configuration: { status: 'Enabled' },
      });
      expect(
        t.resource('aws_s3_bucket_server_side_encryption_configuration', 'mongo/backup-bucket/encryption'),
      ).toEqual({
        bucket: bucket(),
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
      });
      expect(t.resource('aws_s3_bucket_ownership_controls', 'mongo/backup-bucket/ownership-controls')).toEqual({
        bucket: bucket(),
        rule: { object_ownership: 'BucketOwnerEnforced' },
      });
      expect(t.resource('aws_s3_bucket_public_access_block', 'mongo/backup-bucket/public-access-block')).toEqual({
        bucket: bucket(),
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
    });

    it('denies every request not made over TLS, once the public access block is in place', () => {
      expect(t.resource('aws_s3_bucket_policy', 'mongo/backup-bucket/policy')).toEqual({
        bucket: bucket(),
        policy: t.dataRef('aws_iam_policy_document', 'mongo/backup-bucket/policy-document'),
        depends_on: [t.address('aws_s3_bucket_public_access_block', 'mongo/backup-bucket/public-access-block')],
      });
      const arn = t.ref('aws_s3_bucket', 'mongo/backup-bucket/bucket', 'arn');
      expect(t.dataSource('aws_iam_policy_document', 'mongo/backup-bucket/policy-document')).toEqual({
        statement: [
          {
            sid: 'DenyInsecureTransport',
            effect: 'Deny',
            actions: ['s3:*'],
            resources: [arn, `${arn}/*`],
            principals: [{ type: '*', identifiers: ['*'] }],
            condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
          },
        ],
      });
    });

    it('expires dumps and their old versions after 35 days and aborts stuck uploads after 1', () => {
      expect(t.resource('aws_s3_bucket_lifecycle_configuration', 'mongo/backup-bucket/lifecycle')).toEqual({
        bucket: bucket(),
        rule: [
          {
            id: 'expire-backups',
            status: 'Enabled',
            filter: [{ prefix: '' }],
            expiration: [{ days: 35 }],
            noncurrent_version_expiration: [{ noncurrent_days: 35 }],
            abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }],
          },
        ],
        depends_on: [t.address('aws_s3_bucket_versioning', 'mongo/backup-bucket/versioning')],
      });
    });
  });

  describe('IAM', () => {
    it('lets only EC2 acting for this account assume the instance role', () => {
      expect(t.resource('aws_iam_role', 'mongo/instance-role')).toMatchObject({
        name: 'dev-mongodb',
        assume_role_policy: t.dataRef('aws_iam_policy_document', 'mongo/instance-assume-role'),
      });
      expect(t.dataSource('aws_iam_policy_document', 'mongo/instance-assume-role')).toEqual({
        statement: [
          {
            effect: 'Allow',
            actions: ['sts:AssumeRole'],
            principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }],
          },
        ],
      });
      expect(t.resource('aws_iam_instance_profile', 'mongo/instance-profile')).toMatchObject({
        name: 'dev-mongodb',
        role: t.ref('aws_iam_role', 'mongo/instance-role', 'name'),
      });
    });

    it('allows s3:PutObject on the bucket objects and its own secret only', () => {
      expect(t.resource('aws_iam_role_policy', 'mongo/instance-role-policy')).toEqual({
        name: 'mongodb-backups-and-users',
        role: t.ref('aws_iam_role', 'mongo/instance-role'),
        policy: t.dataRef('aws_iam_policy_document', 'mongo/instance-permissions'),
      });
      expect(t.dataSource('aws_iam_policy_document', 'mongo/instance-permissions')).toEqual({
        statement: [
          {
            sid: 'WriteBackups',
            effect: 'Allow',
            actions: ['s3:PutObject'],
            resources: [`${t.ref('aws_s3_bucket', 'mongo/backup-bucket/bucket', 'arn')}/*`],
          },
          {
            sid: 'OwnUsersSecret',
            effect: 'Allow',
            actions: [
              'secretsmanager:DescribeSecret',
              'secretsmanager:GetSecretValue',
              'secretsmanager:PutSecretValue',
            ],
            resources: [t.ref('aws_secretsmanager_secret', 'mongo/admin-secret', 'arn')],
          },
        ],
      });
    });

    it('attaches AmazonSSMManagedInstanceCore and nothing else', () => {
      expect(t.all('aws_iam_role_policy_attachment')).toEqual([
        {
          role: t.ref('aws_iam_role', 'mongo/instance-role', 'name'),
          policy_arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
        },
      ]);
    });

    it('creates the users secret empty (the instance writes it), with a 30-day recovery window', () => {
      expect(t.resource('aws_secretsmanager_secret', 'mongo/admin-secret')).toMatchObject({
        name: 'dev/mongodb/users',
        recovery_window_in_days: 30,
      });
      expect(t.count('aws_secretsmanager_secret_version')).toBe(0);
    });
  });

  describe('user data', () => {
    it('is the exposed script, base64-encoded, starting with a bash shebang and failing fast', () => {
      expect(userData).toBe(mongo.userData);
      expect(userData.split('\n').slice(0, 3)).toEqual([
        '#!/bin/bash',
        expect.stringContaining('MongoDB 7.0 on Amazon Linux 2023'),
        'set -euo pipefail',
      ]);
    });

    it('installs mongodb-org from the MongoDB 7.0 repository for Amazon Linux 2023', () => {
      expect(userData).toContain('baseurl=https://repo.mongodb.org/yum/amazon/2023/mongodb-org/7.0/$basearch/');
      expect(userData).toContain('gpgkey=https://pgp.mongodb.com/server-7.0.asc');
      expect(userData).toMatch(/^dnf install -y .*\bmongodb-org\b.*\bcronie\b/m);
    });

    it('mounts the data volume (formatting it only when blank) and keeps mongod data on it', () => {
      expect(userData).toContain("DATA_DEVICE='/dev/sdf'");
      expect(userData).toContain('blkid "$DEVICE" > /dev/null || mkfs.xfs -L mongodb-data "$DEVICE"');
      expect(userData).toContain('LABEL=mongodb-data /data xfs defaults,noatime,nofail 0 2');
      expect(userData).toContain('  dbPath: /data/mongodb\n');
    });

    it('binds to every interface with authorization enabled', () => {
      expect(userData).toContain('net:\n  port: 27017\n  bindIp: 0.0.0.0\n');
      expect(userData).toContain('security:\n  authorization: enabled\n');
    });

    it('creates admin and backup users once and keeps their passwords in the secret', () => {
      expect(userData).toContain("ADMIN_SECRET_ID='dev/mongodb/users'");
      expect(userData).toContain('--secret-string file:///root/mongodb-users.json');
      expect(userData).toContain("roles: ['root']");
      expect(userData).toContain("roles: ['backup']");
    });

    it('installs a daily cron that streams mongodump to the bucket', () => {
      expect(userData).toContain("BACKUP_BUCKET='dev-mongodb-backups-123456789012-us-east-1'");
      expect(userData).toMatch(/mongodump --config=\/etc\/mongodb-backup\.yaml .*\\\n.*--archive --gzip/);
      expect(userData).toContain('| aws s3 cp - "s3://$BACKUP_BUCKET/$KEY" --region "$REGION" --sse AES256');
      expect(userData).toContain(
        "echo '0 3 * * * root /usr/local/bin/mongodb-backup >> /var/log/mongodb-backup.log 2>&1' > /etc/cron.d/mongodb-backup",
      );
    });

    it('holds no Terraform template sequences', () => {
      expect(userData).not.toMatch(/[$%]\{/);
    });
  });
});

describe('SelfHostedMongo with Graviton, a KMS key, deletion protection off and custom backups', () => {
  let t: Template;
  let mongo: SelfHostedMongo;
  beforeAll(() => {
    const stack = testStack();
    mongo = new SelfHostedMongo(stack, 'mongo', {
      ...SELF_HOSTED,
      name: 'prod',
      instanceType: 'r7g.large',
      amiSsmParameter: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
      kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abcd',
      dataVolume: { sizeGiB: 200, iops: 6000, throughputMiBps: 250 },
      backupBucketName: 'prod-mongo-dumps',
      backupRetentionDays: 14,
      backupHourUtc: 22,
      deletionProtection: false,
    });
    t = Template.fromStack(stack);
  });

  it('uses the arm64 AMI and the KMS key on both volumes', () => {
    expect(t.resource('aws_launch_template', 'mongo/launch-template')).toMatchObject({
      image_id: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
      instance_type: 'r7g.large',
      block_device_mappings: [
        { ebs: { encrypted: 'true', kms_key_id: 'arn:aws:kms:us-east-1:123456789012:key/abcd' } },
      ],
    });
    expect(t.resource('aws_ebs_volume', 'mongo/data-volume')).toEqual({
      availability_zone: 'us-east-1a',
      type: 'gp3',
      size: 200,
      iops: 6000,
      throughput: 250,
      encrypted: true,
      kms_key_id: 'arn:aws:kms:us-east-1:123456789012:key/abcd',
      final_snapshot: false,
      tags: { Name: 'prod-mongodb-data' },
    });
  });

  it('lets the instance use the key for its secret', () => {
    const statements = (
      t.dataSource('aws_iam_policy_document', 'mongo/instance-permissions') as { statement: unknown[] }
    ).statement;
    expect(statements[2]).toEqual({
      sid: 'SecretKey',
      effect: 'Allow',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['arn:aws:kms:us-east-1:123456789012:key/abcd'],
    });
  });

  it('drops termination protection when deletionProtection is off', () => {
    expect(t.resource('aws_instance', 'mongo/instance').disable_api_termination).toBe(false);
  });

  it('uses the bucket name, retention and backup hour given', () => {
    expect(t.resource('aws_s3_bucket', 'mongo/backup-bucket/bucket').bucket).toBe('prod-mongo-dumps');
    expect(t.resource('aws_s3_bucket_lifecycle_configuration', 'mongo/backup-bucket/lifecycle')).toMatchObject({
      rule: [{ expiration: [{ days: 14 }], noncurrent_version_expiration: [{ noncurrent_days: 14 }] }],
    });
    expect(mongo.userData).toContain("echo '0 22 * * * root /usr/local/bin/mongodb-backup");
  });
});

describe('SelfHostedMongo validation', () => {
  const cases: Array<[string, Partial<SelfHostedMongoProps>, ExpectedIssue]> = [
    [
      'an upper-case name',
      { name: 'Dev' },
      { path: 'name', value: 'Dev', message: /^must be 1-24 lowercase letters, digits or hyphens/ },
    ],
    [
      'a short account id',
      { accountId: '12345' },
      { path: 'accountId', value: '12345', message: /^must be a 12-digit AWS account id$/ },
    ],
    [
      'an AZ of another region',
      { availabilityZone: 'eu-west-1a' },
      { path: 'availabilityZone', value: 'eu-west-1a', message: /^must be an availability zone of region us-east-1$/ },
    ],
    [
      'a Graviton type with the x86_64 AMI',
      { instanceType: 't4g.medium' },
      {
        path: 'amiSsmParameter',
        value: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
        message: /^is an x86_64 AMI but t4g\.medium is arm64 \(Graviton\)$/,
      },
    ],
    [
      'an AMI id instead of a parameter',
      { amiSsmParameter: 'ami-0123456789abcdef0' },
      { path: 'amiSsmParameter', value: 'ami-0123456789abcdef0', message: /^must be an SSM parameter path/ },
    ],
    [
      'gp3 IOPS below the baseline',
      { dataVolume: { iops: 100 } },
      { path: 'dataVolume.iops', value: 100, message: /^must be a whole number of IOPS from 3000 to 16000$/ },
    ],
    [
      'a backup hour of 24',
      { backupHourUtc: 24 },
      { path: 'backupHourUtc', value: 24, message: /^must be a whole number of hours from 0 to 23$/ },
    ],
    [
      'a name that makes the bucket name too long',
      { name: 'a-very-long-service-name', region: 'ap-southeast-2', availabilityZone: 'ap-southeast-2a' },
      {
        path: 'name',
        value: 'a-very-long-service-name',
        message: /not a valid S3 bucket name.*set backupBucketName$/,
      },
    ],
    [
      'an invalid bucket name',
      { backupBucketName: 'Backups' },
      { path: 'backupBucketName', value: 'Backups', message: /^must be an S3 bucket name/ },
    ],
  ];

  const bad = rejectsEachCase({
    subject: /^Invalid SelfHostedMongo "invalid\/bad-\d+" props:\n {2}- /,
    cases,
    build: (stack, id, props) => new SelfHostedMongo(stack, id, { ...SELF_HOSTED, ...props }),
  });

  it('adds no resource to the stack when construction throws', () => {
    expect(Template.fromStack(bad.stack()).json.resource).toBeUndefined();
  });
});
