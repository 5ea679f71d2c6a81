/**
 * The architecture diagram of one stack as data: groups (region, VPC, subnet tiers, ECS clusters, external
 * services), nodes (the resources a person asks about, with readable names) and edges (allowed traffic from
 * security-group rules, and the main data paths). `buildDiagram` (build.ts) makes it from the synthesized JSON;
 * `toDot` (dot.ts) draws it. Everything is sorted, so the same JSON always gives the same diagram.
 */

/** What a node is; it picks the node's colour and where it tends to sit. */
export type NodeKind =
  | 'internet' // 0.0.0.0/0 and other CIDRs, remote stacks' addresses
  | 'external' // outside AWS: GitHub Actions, MongoDB Atlas
  | 'edge' // CloudFront, Route 53, WAF
  | 'network' // internet gateway, NAT gateways, security groups owned by nothing drawn
  | 'load-balancer'
  | 'target-group'
  | 'compute' // ECS services, Auto Scaling groups, EC2 instances, Lambda functions
  | 'database'
  | 'cache'
  | 'storage' // S3 buckets, EFS
  | 'secret'
  | 'registry' // ECR
  | 'integration' // API Gateway, SQS, SNS topics that are not alarm topics
  | 'delivery' // CodePipeline, CodeBuild, CodeCommit
  | 'operations' // alarms, dashboards, logs, backups: summarized
  | 'placeholder'; // stands in an otherwise empty group

export type GroupKind = 'global' | 'region' | 'vpc' | 'tier' | 'cluster' | 'external';

/**
 * - `traffic`: allowed by a security-group rule (or an access list), labelled with protocol and port
 * - `data`: a request path (CloudFront → origin, listener → target group → targets, service → database)
 * - `dns`: a DNS alias record
 * - `access`: an IAM permission of a workload's role (secrets it reads, images it pulls)
 * - `deploy`: what a CI role (GitHub Actions through OIDC) may change
 */
export type EdgeKind = 'traffic' | 'data' | 'dns' | 'access' | 'deploy';

export interface DiagramGroup {
  readonly id: string;
  readonly kind: GroupKind;
  readonly title: string;
  readonly details: readonly string[];
  readonly parent: string | undefined;
}

export interface DiagramNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** Readable name: what it is and which one, e.g. "ALB portfolio-dev", "RDS PostgreSQL db.t4g.micro". */
  readonly title: string;
  /** A few short lines of the settings that matter at a glance (size, scaling, engine version). */
  readonly details: readonly string[];
  readonly group: string | undefined;
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** e.g. "tcp 3000", "tcp 80, 443", "/api/* · http :80"; empty when the path says it all. */
  readonly label: string;
}

export interface Diagram {
  readonly stack: string;
  readonly region: string | undefined;
  readonly groups: readonly DiagramGroup[];
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}
