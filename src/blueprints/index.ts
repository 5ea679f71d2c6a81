/**
 * The blueprint catalogue: each entry creates a blueprint's stacks for one environment.
 * main.ts builds every entry for every environment; an entry whose section an environment lacks creates nothing
 * there. Add a blueprint by adding an entry.
 */
import type { Construct } from 'constructs';
import type { DeploymentTarget } from '../../modules/core/deployment-target';
import type { EnvironmentConfig, ProjectConfig } from '../config/schema';
import { createEc2WebStacks } from './ec2-web';
import { EcsFullstackStack } from './ecs-fullstack';
import { NetworkBlueprintStack } from './network';

export interface BlueprintContext {
  readonly project: ProjectConfig;
  readonly environment: EnvironmentConfig;
  readonly target: DeploymentTarget;
}

export interface Blueprint {
  readonly name: string;
  readonly description: string;
  readonly create: (scope: Construct, context: BlueprintContext) => void;
}

export const blueprints: readonly Blueprint[] = [
  {
    name: 'network',
    description: 'The environment VPC: public/private subnets per AZ, NAT gateways, flow logs (the foundation).',
    create: (scope, context) => new NetworkBlueprintStack(scope, context),
  },
  {
    name: 'ecs-fullstack',
    description:
      'Seed 001: Route 53 + ACM, HTTPS ALB path routing to two Fargate services, RDS PostgreSQL, Redis, ECR, alarms.',
    create: (scope, context) => {
      const config = context.environment.ecsFullstack;
      if (config) new EcsFullstackStack(scope, { ...context, config });
    },
  },
  {
    name: 'ec2-web',
    description:
      'Seed 000: CloudFront + S3 SPA, ALB + EC2 Auto Scaling (Docker from ECR), Redis, MongoDB Atlas companion stack, GitHub OIDC.',
    create: (scope, context) => {
      const config = context.environment.ec2Web;
      if (config) createEc2WebStacks(scope, { ...context, config });
    },
  },
];
