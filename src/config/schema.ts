/**
 * The configuration schema: the project (shared by every stack) and one environment (dev, prod, ...).
 * Cross-field rules (subnets inside the VPC, one subnet per AZ, AZs in the region) live here too, so every error is
 * raised before any construct is created.
 */
import { z } from 'zod';
import { ec2WebSchema } from './blueprints/ec2-web';
import { ecsFullstackSchema } from './blueprints/ecs-fullstack';
import { accountId, availabilityZone, email, positiveInt, region, s3BucketName, userTags } from './fields';
import { addNetworkLayoutIssues, networkSchema } from './network-schema';

const dynamoDbTableName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name: 3-255 letters, digits, _ . -');

export const stateBackendSchema = z
  .object({
    /** Account that holds the state bucket and lock table; the `state-backend` stack is pinned to it. */
    accountId,
    region,
    bucket: s3BucketName,
    lockTable: dynamoDbTableName,
    /** First segment of every state key: `<keyPrefix>/<stack>/terraform.tfstate`. */
    keyPrefix: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9._-]+)*$/,
        'must be a relative S3 key prefix without a trailing slash',
      ),
    /** Emit `use_lockfile = true` beside `dynamodb_table` (Terraform 1.11's migration path to S3-native locking). */
    useLockfile: z.boolean(),
    /** Days a superseded state version is kept before it expires. */
    noncurrentVersionExpirationDays: positiveInt,
    /** Role the S3 backend assumes when state lives in another account than the stacks. */
    roleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'must be an IAM role ARN')
      .optional(),
  })
  .strict();

export const projectSchema = z
  .object({
    /** Value of the `project` tag and the prefix of shared names. */
    name: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'must be 2-31 lowercase letters, digits and hyphens'),
    stateBackend: stateBackendSchema,
  })
  .strict();

export const environmentSchema = z
  .object({
    /** Short name used in stack names (`<blueprint>-<name>`) and the `environment` tag. */
    name: z
      .string()
      .regex(/^[a-z][a-z0-9]{1,15}$/, 'must be 2-16 lowercase letters and digits, starting with a letter'),
    /** Production guards apply (e.g. no SSH from 0.0.0.0/0); say so for every environment that serves users. */
    production: z.boolean(),
    accountId,
    region,
    /** AZs are configuration, not a data source, so every stack plans offline. */
    availabilityZones: z.array(availabilityZone).min(1, 'must list at least one availability zone'),
    /** Where alarms and notifications go. */
    contactEmail: email,
    /** Extra tags on every resource (beside project, environment, blueprint, managed-by). */
    tags: userTags,
    network: networkSchema,
    /** The `ecs-fullstack` blueprint (seed 001); its stack exists only for environments that have this section. */
    ecsFullstack: ecsFullstackSchema.optional(),
    /** The `ec2-web` blueprint (seed 000): `ec2-web-<env>` and its companion stack, only where this section exists. */
    ec2Web: ec2WebSchema.optional(),
  })
  .strict()
  .superRefine((env, ctx) => {
    env.availabilityZones.forEach((az, index) => {
      if (!az.startsWith(env.region)) {
        const message = `is not in region ${env.region}`;
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['availabilityZones', index], message });
      }
    });
    addNetworkLayoutIssues(ctx, ['network'], env.network, env.availabilityZones);
    if (env.ec2Web) {
      addNetworkLayoutIssues(ctx, ['ec2Web', 'network'], env.ec2Web.network, env.availabilityZones);
      env.ec2Web.instances.sshCidrs.forEach((cidr, index) => {
        if (env.production && cidr.endsWith('/0')) {
          const path = ['ec2Web', 'instances', 'sshCidrs', index];
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path,
            message: 'must not open SSH to the whole internet in production',
          });
        }
      });
    }
    if (env.ecsFullstack) {
      addNetworkLayoutIssues(ctx, ['ecsFullstack', 'network'], env.ecsFullstack.network, env.availabilityZones);
    }
  });

export type ProjectConfig = z.infer<typeof projectSchema>;
export type StateBackendConfig = z.infer<typeof stateBackendSchema>;
export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type { NetworkConfig } from './network-schema';
