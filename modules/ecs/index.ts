/**
 * ECS on Fargate: an `EcsCluster` (Container Insights, FARGATE/FARGATE_SPOT capacity providers, ECS Exec logging) and
 * a `FargateService` (one container behind an optional target group, CPU target-tracking auto scaling, least-privilege
 * roles, a 443-egress-only security group). See each file's header for what it creates and why.
 */
export * from './cluster';
export * from './fargate';
export * from './service';
