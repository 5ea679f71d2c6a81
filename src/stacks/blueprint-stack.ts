/**
 * The base of every blueprint stack: its name (`<blueprint>-<env>[-<suffix>]`), the AWS provider with the project's
 * default tags and account guard, and the S3 backend with DynamoDB locking under the stack's own state key.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, type S3Backend } from 'cdktf';
import type { Construct } from 'constructs';
import { useRemoteState } from '../../backend/remote-state';
import { createAwsProvider } from '../../modules/core/aws-provider';
import type { DeploymentTarget } from '../../modules/core/deployment-target';
import type { EnvironmentConfig, ProjectConfig } from '../config/schema';

export interface BlueprintStackProps {
  /** Blueprint name, e.g. `ecs-fullstack`: first part of the stack name and the `blueprint` tag. */
  readonly blueprint: string;
  readonly project: ProjectConfig;
  readonly environment: EnvironmentConfig;
  readonly target: DeploymentTarget;
  /** Extra name part for a blueprint with several stacks per environment (`primary`, `atlas`). Default: none. */
  readonly suffix?: string;
}

export function stackName(blueprint: string, environment: string, suffix?: string): string {
  return [blueprint, environment, suffix].filter(Boolean).join('-');
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
  readonly environment: EnvironmentConfig;
  readonly project: ProjectConfig;
  readonly awsProvider: AwsProvider;
  readonly backend: S3Backend;

  constructor(scope: Construct, props: BlueprintStackProps) {
    super(scope, stackName(props.blueprint, props.environment.name, props.suffix));
    this.environment = props.environment;
    this.project = props.project;
    this.awsProvider = createAwsProvider(this, 'aws', {
      region: props.environment.region,
      allowedAccountIds: [props.environment.accountId],
      defaultTags: projectTags(props.project, props.environment.name, props.blueprint, props.environment.tags),
      target: props.target,
    });
    this.backend = useRemoteState(this, props.project.stateBackend, props.target);
  }
}
