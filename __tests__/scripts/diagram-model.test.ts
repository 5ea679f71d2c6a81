/**
 * The architecture diagram model (scripts/lib/diagram/build.ts) of the shipped stacks, by value: which resources are
 * drawn and how they are named, which group (region, VPC, subnet tier, ECS cluster) holds them, which traffic the
 * security-group rules allow between them (protocol and port) and the request paths (CloudFront → origins, listener →
 * target group → service, workloads → data stores and secrets). Plus the rule forms and labels the shipped stacks do
 * not use, on small hand-written stacks, and how dot.ts draws traffic on the target-group hop.
 */
import { buildDiagram, portLabel, trafficLabel } from '../../scripts/lib/diagram/build';
import { drawnEdges } from '../../scripts/lib/diagram/dot';
import type { Diagram, DiagramNode, EdgeKind } from '../../scripts/lib/diagram/model';
import { shippedDiagram } from '../helpers/diagrams';

function node(diagram: Diagram, title: string): DiagramNode {
  const found = diagram.nodes.filter((candidate) => candidate.title === title);
  if (found.length !== 1) {
    throw new Error(
      `expected one node "${title}", found ${found.length} among: ${diagram.nodes.map((n) => n.title).join(' | ')}`,
    );
  }
  return found[0]!;
}

/** The edges of a kind, as "from title → to title: label", sorted. */
function edges(diagram: Diagram, kind: EdgeKind): string[] {
  const title = (id: string) => diagram.nodes.find((candidate) => candidate.id === id)?.title ?? id;
  return diagram.edges
    .filter((edge) => edge.kind === kind)
    .map((edge) => `${title(edge.from)} → ${title(edge.to)}: ${edge.label}`)
    .sort();
}

/** The titles of a node's groups, innermost first. */
function groupsOf(diagram: Diagram, title: string): string[] {
  const chain: string[] = [];
  let group = node(diagram, title).group;
  while (group !== undefined) {
    const found = diagram.groups.find((candidate) => candidate.id === group)!;
    chain.push(found.title);
    group = found.parent;
  }
  return chain;
}

describe('diagram of ecs-fullstack-dev', () => {
  const diagram = shippedDiagram('ecs-fullstack-dev');

  it('draws the architecture, not the IAM, route tables, log groups and alarms one by one', () => {
    expect(diagram.nodes.map((n) => n.title).sort()).toEqual(
      [
        '4 CloudWatch alarms → SNS portfolio-dev-alarms',
        'ALB portfolio-dev',
        'ECR portfolio-dev-backend',
        'ECR portfolio-dev-frontend',
        'ECS service backend',
        'ECS service frontend',
        'ElastiCache Redis cache.t4g.micro',
        'Internet',
        'Internet (outbound)',
        'Internet gateway',
        'NAT gateway ×2',
        'RDS PostgreSQL db.t4g.micro',
        'Route 53 dev.therpiproject.com',
        'Secrets Manager master user secret',
        'Target group portfolio-dev-backend',
        'Target group portfolio-dev-frontend',
        'WAF portfolio-dev-alb',
      ].sort(),
    );
    expect(node(diagram, 'ALB portfolio-dev').details).toEqual([
      'internet-facing · HTTP :80 → 443, HTTPS :443',
      'ACM dev.therpiproject.com, *.dev.therpiproject.com',
      'access logs → S3',
    ]);
    expect(node(diagram, 'ECS service backend').details).toEqual([
      'Fargate · 0.25 vCPU · 512 MiB',
      'tasks 1–4 · CPU target 70%',
    ]);
    expect(node(diagram, 'RDS PostgreSQL db.t4g.micro').details).toEqual([
      '16.3 · single-AZ',
      '20 GiB gp3 · encrypted',
    ]);
  });

  it('groups by network tier: the ALB in the public subnets, the ECS cluster and the data stores in the private ones', () => {
    expect(groupsOf(diagram, 'ALB portfolio-dev')).toEqual([
      'public subnets',
      'VPC portfolio-dev-vpc 10.0.0.0/16',
      'AWS us-east-1',
    ]);
    expect(groupsOf(diagram, 'ECS service frontend')).toEqual([
      'ECS cluster portfolio-dev',
      'private subnets',
      'VPC portfolio-dev-vpc 10.0.0.0/16',
      'AWS us-east-1',
    ]);
    expect(groupsOf(diagram, 'RDS PostgreSQL db.t4g.micro')[0]).toBe('private subnets');
    expect(groupsOf(diagram, 'ElastiCache Redis cache.t4g.micro')[0]).toBe('private subnets');
    expect(groupsOf(diagram, 'Route 53 dev.therpiproject.com')).toEqual(['AWS global (edge)']);
    expect(diagram.groups.find((group) => group.title === 'public subnets')?.details).toEqual([
      '10.0.1.0/24 us-east-1a',
      '10.0.2.0/24 us-east-1b',
      '0.0.0.0/0 → internet gateway',
    ]);
    expect(diagram.groups.find((group) => group.title === 'private subnets')?.details).toEqual([
      '10.0.10.0/24 us-east-1a',
      '10.0.11.0/24 us-east-1b',
      '0.0.0.0/0 → NAT gateway',
    ]);
  });

  it('draws every security-group rule as allowed traffic between the resources that carry the groups', () => {
    expect(edges(diagram, 'traffic')).toEqual([
      'ALB portfolio-dev → ECS service backend: tcp 8000',
      'ALB portfolio-dev → ECS service frontend: tcp 3000',
      'ECS service backend → ElastiCache Redis cache.t4g.micro: tcp 6379',
      'ECS service backend → Internet (outbound): tcp 443',
      'ECS service backend → RDS PostgreSQL db.t4g.micro: tcp 5432',
      'ECS service frontend → Internet (outbound): tcp 443',
      'Internet → ALB portfolio-dev: tcp 80, 443',
    ]);
  });

  it('draws the request paths: DNS alias, listener routes to target groups, target groups to services, services to data', () => {
    expect(edges(diagram, 'dns')).toEqual([
      'Route 53 dev.therpiproject.com → ALB portfolio-dev: dev.therpiproject.com A/AAAA',
    ]);
    expect(edges(diagram, 'data')).toEqual([
      'ALB portfolio-dev → Target group portfolio-dev-backend: HTTPS :443 /api/*',
      'ALB portfolio-dev → Target group portfolio-dev-frontend: HTTPS :443 default',
      'ECS service backend → ElastiCache Redis cache.t4g.micro: ',
      'ECS service backend → RDS PostgreSQL db.t4g.micro: ',
      'Target group portfolio-dev-backend → ECS service backend: ',
      'Target group portfolio-dev-frontend → ECS service frontend: ',
      'WAF portfolio-dev-alb → ALB portfolio-dev: web ACL',
    ]);
    expect(edges(diagram, 'access')).toEqual([
      'ECS service backend → ECR portfolio-dev-backend: pulls image',
      // Its task role's elasticache:Connect (Redis IAM authentication).
      'ECS service backend → ElastiCache Redis cache.t4g.micro: read',
      'ECS service backend → Secrets Manager master user secret: reads secret',
      'ECS service frontend → ECR portfolio-dev-frontend: pulls image',
    ]);
  });

  it('is drawn with the traffic to a service on the target group → service hop, not as a second line from the ALB', () => {
    const title = (id: string) => diagram.nodes.find((candidate) => candidate.id === id)!.title;
    const drawn = drawnEdges(diagram).map(
      (edge) => `${title(edge.from)} → ${title(edge.to)}: ${edge.kind} ${edge.label}`,
    );
    expect(drawn).toContain('Target group portfolio-dev-frontend → ECS service frontend: traffic tcp 3000');
    expect(drawn).toContain('ECS service backend → RDS PostgreSQL db.t4g.micro: traffic tcp 5432');
    expect(drawn.filter((edge) => edge.startsWith('ALB portfolio-dev → ECS service'))).toEqual([]);
  });
});

describe('diagram of ecs-fullstack-prod', () => {
  const diagram = shippedDiagram('ecs-fullstack-prod');

  it('draws the read replica beside its source, in the private subnets, reached from the backend on 5432', () => {
    const replica = 'RDS PostgreSQL read replica db.t4g.small';
    expect(node(diagram, replica).details).toEqual(['of portfolio-prod · single-AZ']);
    expect(groupsOf(diagram, replica)[0]).toBe('private subnets');
    expect(edges(diagram, 'traffic')).toContain(`ECS service backend → ${replica}: tcp 5432`);
  });
});

describe('diagrams of ecs-multiregion-prod', () => {
  it.each([
    ['primary', 'PRIMARY (us-east-1)'],
    ['secondary', 'SECONDARY (us-west-2)'],
  ])(
    "draws the %s stack's failover record in the existing zone, with its health check, aliased to the ALB",
    (side, role) => {
      const diagram = shippedDiagram(`ecs-multiregion-prod-${side}`);
      expect(node(diagram, 'Route 53 globalapp.example.com').details).toEqual([
        `failover ${role}`,
        'health check HTTPS /health every 30 s, 3 failures',
      ]);
      expect(edges(diagram, 'dns')).toEqual(['Route 53 globalapp.example.com → ALB globalapp-prod: A alias']);
    },
  );
});

describe('diagram of serverless-web-staging', () => {
  const diagram = shippedDiagram('serverless-web-staging');

  it('draws the pipelines and build projects as one CI/CD node in the region, each pipeline with its stages', () => {
    const delivery = node(diagram, 'CI/CD · 3 CodePipeline pipelines, 4 CodeBuild projects');
    expect(delivery.details).toEqual([
      'backend: Source → BuildAndDeploy',
      'frontend: Source → BuildAndDeploy',
      'infrastructure: Source → Plan → Approve → Apply',
      'CodeConnections apprentice-final-staging',
    ]);
    expect(groupsOf(diagram, delivery.title)).toEqual(['AWS us-east-1']);
    expect(diagram.nodes.filter((candidate) => candidate.kind === 'delivery')).toHaveLength(1);
  });
});

describe('diagram of ec2-web-dev', () => {
  const diagram = shippedDiagram('ec2-web-dev');

  it('draws CloudFront in front of the S3 bucket (OAC) and of the ALB (/api/*)', () => {
    expect(edges(diagram, 'data')).toEqual([
      'ALB starttech-dev → Target group dev-backend-tg: HTTP :80 default',
      'Auto Scaling group starttech-dev-asg → ElastiCache Redis cache.t3.micro: ',
      'CloudFront distribution → ALB starttech-dev: /api/* · http :80',
      'CloudFront distribution → S3 starttech-dev-frontend-123456789012: default +2 paths · OAC',
      'Internet → CloudFront distribution: HTTPS (HTTP redirected)',
      'Target group dev-backend-tg → Auto Scaling group starttech-dev-asg: ',
      'WAF starttech-dev-alb → ALB starttech-dev: web ACL',
      'WAF starttech-dev-cloudfront → CloudFront distribution: web ACL',
    ]);
    expect(groupsOf(diagram, 'CloudFront distribution')).toEqual(['AWS global (edge)']);
    expect(node(diagram, 'Auto Scaling group starttech-dev-asg').details).toEqual([
      't3.medium × 2–6 · Amazon Linux 2023',
    ]);
  });

  it('draws the instances’ security-group rules, MongoDB Atlas through the NAT gateways included', () => {
    expect(edges(diagram, 'traffic')).toEqual([
      'ALB starttech-dev → Auto Scaling group starttech-dev-asg: tcp 8080',
      'Auto Scaling group starttech-dev-asg → ElastiCache Redis cache.t3.micro: tcp 6379',
      'Auto Scaling group starttech-dev-asg → Internet (outbound): tcp 80, 443, 27017',
      'Internet → ALB starttech-dev: tcp 80',
    ]);
    expect(node(diagram, 'Internet (outbound)').details).toEqual(['0.0.0.0/0 through NAT']);
  });

  it('finds the secret the instance role reads by its ARN, and what each GitHub Actions role may deploy', () => {
    expect(edges(diagram, 'access')).toEqual([
      'Auto Scaling group starttech-dev-asg → ECR starttech-dev-backend: pulls image',
      'Auto Scaling group starttech-dev-asg → Secrets Manager starttech-dev/mongodb: reads secret',
    ]);
    expect(edges(diagram, 'deploy')).toEqual([
      'GitHub Actions (OIDC) → CloudFront distribution: frontend-role',
      'GitHub Actions (OIDC) → ECR starttech-dev-backend: backend-role',
      'GitHub Actions (OIDC) → S3 starttech-dev-frontend-123456789012: frontend-role',
      // The infra role's BlueprintSecrets statement: this environment's secrets, by name.
      'GitHub Actions (OIDC) → Secrets Manager starttech-dev/: infra-role',
    ]);
    expect(node(diagram, 'GitHub Actions (OIDC)').details).toEqual([
      'Kindee18/StartTech-Infra-Kindson-1148 (main)',
      'Kindee18/StartTech-Kindson-1148 (main)',
      'backend-role → ECR starttech-dev-backend',
      'frontend-role → S3 starttech-dev-frontend-123456789012, CloudFront distribution',
      // Its statements on named resources (the environment's secrets) now come before its services on *.
      'infra-role → Secrets Manager starttech-dev/',
    ]);
  });
});

describe('diagrams of the small stacks', () => {
  it('ec2-web-dev-atlas: the web stack’s NAT IPs on the Atlas access list, the credentials in Secrets Manager', () => {
    const diagram = shippedDiagram('ec2-web-dev-atlas');
    expect(edges(diagram, 'traffic')).toEqual([
      'ec2-web-dev NAT gateway IPs → MongoDB Atlas starttech-dev: IP access list',
    ]);
    expect(edges(diagram, 'data')).toEqual([
      'MongoDB Atlas starttech-dev → Secrets Manager starttech-dev/mongodb: credentials',
    ]);
    expect(groupsOf(diagram, 'MongoDB Atlas starttech-dev')).toEqual(['MongoDB Atlas project starttech-dev']);
    expect(node(diagram, 'MongoDB Atlas starttech-dev').details[0]).toBe('M10 × 3 · AWS US_EAST_1');
  });

  it('network-dev: the tiers of the VPC, the NAT gateways in the public one, the private one empty', () => {
    const diagram = shippedDiagram('network-dev');
    expect(groupsOf(diagram, 'NAT gateway ×2')[0]).toBe('public subnets');
    expect(groupsOf(diagram, 'nothing of this stack here')[0]).toBe('private subnets');
    expect(diagram.edges).toEqual([]);
  });

  it('state-backend: the state bucket and the lock table', () => {
    const diagram = shippedDiagram('state-backend');
    expect(diagram.nodes.map((n) => n.title)).toEqual([
      'DynamoDB aws-blueprints-tflock',
      'S3 aws-blueprints-tfstate-123456789012',
    ]);
  });
});

describe('security-group rule forms', () => {
  const sg = (name: string, extra: Record<string, unknown> = {}) => ({ name, vpc_id: '${aws_vpc.vpc.id}', ...extra });
  const diagram = buildDiagram(
    {
      resource: {
        aws_vpc: { vpc: { cidr_block: '10.9.0.0/16' } },
        aws_security_group: {
          bastion: sg('bastion', {
            ingress: [{ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['203.0.113.0/24'] }],
          }),
          app: sg('app'),
          db: sg('db'),
        },
        aws_security_group_rule: {
          ssh: {
            type: 'ingress',
            protocol: 'tcp',
            from_port: 22,
            to_port: 22,
            security_group_id: '${aws_security_group.app.id}',
            source_security_group_id: '${aws_security_group.bastion.id}',
          },
          vpc: {
            type: 'egress',
            protocol: '-1',
            from_port: 0,
            to_port: 0,
            security_group_id: '${aws_security_group.app.id}',
            cidr_blocks: ['10.9.0.0/16'],
          },
        },
        aws_vpc_security_group_ingress_rule: {
          range: {
            security_group_id: '${aws_security_group.db.id}',
            referenced_security_group_id: '${aws_security_group.app.id}',
            ip_protocol: 'tcp',
            from_port: 5432,
            to_port: 5433,
          },
        },
        aws_instance: {
          app: {
            instance_type: 't3.small',
            vpc_security_group_ids: ['${aws_security_group.app.id}'],
            tags: { Name: 'app' },
          },
        },
      },
    },
    'rules',
  );

  it('reads inline rules, aws_security_group_rule and the per-rule resources; a group on nothing drawn is its own node', () => {
    expect(edges(diagram, 'traffic')).toEqual([
      '203.0.113.0/24 → Security group bastion: tcp 22',
      'EC2 app → 10.9.0.0/16: all traffic',
      'EC2 app → Security group db: tcp 5432-5433',
      'Security group bastion → EC2 app: tcp 22',
    ]);
    expect(node(diagram, '10.9.0.0/16').details).toEqual(['the VPC CIDR']);
  });

  it('labels ports as a person reads them', () => {
    expect(portLabel('-1', 0, 0)).toBe('all traffic');
    expect(portLabel('6', 443, 443)).toBe('tcp 443');
    expect(portLabel('udp', 1024, 65535)).toBe('udp 1024-65535');
    expect(trafficLabel(['tcp 443', 'tcp 80', 'udp 53', 'IP access list'])).toBe('tcp 80, 443; udp 53; IP access list');
    expect(trafficLabel(['tcp 443', 'all traffic'])).toBe('all traffic');
  });
});
