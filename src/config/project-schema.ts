/** The project section: settings shared by every stack (the `project` tag, where state lives). */
import { z } from 'zod';
import { accountId, positiveInt, region, s3BucketName } from './fields';

const dynamoDbTableName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name: 3-255 letters, digits, _ . -');

export const stateBackendSchema = z
  .object({
    /** Account that holds the state bucket and lock table; the `state-backend` stack is pinned to it. */
    accountId,
    /** The state bucket's region: every stack's backend uses it, whatever region the stack deploys to. */
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

export type ProjectConfig = z.infer<typeof projectSchema>;
export type StateBackendConfig = z.infer<typeof stateBackendSchema>;
