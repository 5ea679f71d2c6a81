/**
 * The base of every blueprint stack: its name (`<blueprint>-<env>[-<suffix>]`), its region (the environment's unless
 * the blueprint puts it elsewhere), the AWS provider with the project's default tags and account guard, and the S3
 * backend with DynamoDB locking under the stack's own state key, in the state bucket's region.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, type S3Backend } from 'cdktf';
import type { Construct } from 'constructs';
import { stateKey, useRemoteState } from '../../backend/remote-state';
import { createAwsProvider } from '../../modules/core/aws-provider';
import type { DeploymentTarget } from '../../modules/core/deployment-target';
import { availabilityZonesIn, type BaseEnvironmentConfig } from '../config/environment';
import type { ProjectConfig, StateBackendConfig } from '../config/project-schema';

export interface BlueprintStackProps {
  /** Blueprint name, e.g. `ecs-fullstack`: first part of the stack name and the `blueprint` tag. */
  readonly blueprint: string;
  readonly project: ProjectConfig;
  readonly environment: BaseEnvironmentConfig;
  readonly target: DeploymentTarget;
  /** Extra name part for a blueprint with several stacks per environment (`primary`, `atlas`). Default: none. */
  readonly suffix?: string;
  /** Region of the stack's resources. Default: the environment's region. */
  readonly region?: string;
}

/** `<blueprint>-<env>[-<suffix>]`: the one way stacks are named. */
export function stackName(blueprint: string, environment: string, suffix?: string): string {
  return [blueprint, environment, suffix].filter(Boolean).join('-');
}

/** The key prefix of a stack's state objects in the state bucket (`<keyPrefix>/<stack>`), for IAM policies. */
export function stateKeyPrefix(stateBackend: StateBackendConfig, stack: string): string {
  const key = stateKey(stateBackend.keyPrefix, stack);
  return key.slice(0, key.lastIndexOf('/'));
}

/** The four tags the project puts on every resource, after the environment's own tags (which may not reuse them). */
export function projectTags(
  project: ProjectConfig,
  environmentName: string,
  blueprint: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return { ...extra, project: project.name, environment: environmentName, blueprint, 'managed-by': 'cdktf' };
}

export class BlueprintStack extends TerraformStack {
  readonly environment: BaseEnvironmentConfig;
  readonly project: ProjectConfig;
  /** Where this stack's resources live. */
  readonly region: string;
  /** The environment's AZs in this stack's region. */
  readonly availabilityZones: readonly string[];
  readonly awsProvider: AwsProvider;
  readonly backend: S3Backend;

  constructor(scope: Construct, props: BlueprintStackProps) {
    super(scope, stackName(props.blueprint, props.environment.name, props.suffix));
    this.environment = props.environment;
    this.project = props.project;
    this.region = props.region ?? props.environment.region;
    this.availabilityZones = availabilityZonesIn(props.environment, this.region);
    this.awsProvider = createAwsProvider(this, 'aws', {
      region: this.region,
      allowedAccountIds: [props.environment.accountId],
      defaultTags: projectTags(props.project, props.environment.name, props.blueprint, props.environment.tags),
      target: props.target,
    });
    this.backend = useRemoteState(this, props.project.stateBackend, props.target);
  }
}
