/**
 * Synthesized Terraform JSON → the stack's architecture diagram (model.ts). Pure: the JSON in, the same diagram out.
 *
 * - Nodes: the resources describe.ts lists, NAT gateways as one node per tier, and one summary node for the alarms.
 * - Groups: global (CloudFront, Route 53), the region, each VPC, its subnet tiers (from the subnets a resource is
 *   placed in, directly or through a subnet group or launch template), ECS clusters, MongoDB Atlas projects.
 * - Traffic edges: every security-group rule, between the resources that carry the groups (an ALB, an ECS service,
 *   the Auto Scaling group whose launch template has it), or a CIDR node (0.0.0.0/0 is the Internet).
 * - Data edges: CloudFront → origins, listener → target group → targets, DNS aliases, workload → the databases,
 *   caches and buckets it is configured with, and → the secrets and images its IAM role may read.
 */
import { DESCRIBERS, first, list, str, type Description } from './describe';
import type { Diagram, DiagramEdge, DiagramGroup, DiagramNode, EdgeKind, GroupKind, NodeKind } from './model';
import { compare, StackJson, type Block, type TfElement } from './stack-json';

export function buildDiagram(json: Block, stackName?: string): Diagram {
  return new DiagramBuilder(new StackJson(json, stackName)).build();
}

const INTERNET = 'internet';
const INTERNET_OUT = 'internet-outbound';
const GITHUB = 'github-actions';
const OPERATIONS = 'operations';
const DELIVERY = 'delivery';
const GLOBAL = 'global';
const REGION = 'region';

/** Types whose blocks are followed when looking for what a resource is placed in or runs as. */
const HOPS = [
  'aws_launch_template',
  'aws_db_subnet_group',
  'aws_elasticache_subnet_group',
  'aws_ecs_task_definition',
  'aws_iam_instance_profile',
];
const GLOBAL_TYPES = ['aws_cloudfront_distribution', 'aws_route53_zone'];
const TIER_ORDER = ['public', 'private', 'database', 'data', 'isolated', 'intra'];
const ALL_TRAFFIC = 'all traffic';

interface MutableNode {
  id: string;
  kind: NodeKind;
  title: string;
  details: string[];
  group: string | undefined;
}

class DiagramBuilder {
  private readonly nodes = new Map<string, MutableNode>();
  private readonly groups = new Map<string, DiagramGroup>();
  private readonly edges = new Map<string, { from: string; to: string; kind: EdgeKind; labels: string[] }>();
  /** Element address → the node that stands for it. */
  private readonly nodeOf = new Map<string, string>();
  /** Subnet address → its tier group. */
  private readonly tierOf = new Map<string, string>();

  constructor(private readonly stack: StackJson) {}

  build(): Diagram {
    this.addRegion();
    this.addNetwork();
    this.addResourceNodes();
    this.summarizeDelivery();
    this.addNatGateways();
    this.addOperations();
    this.placeNodes();
    this.addSecurityGroupRules();
    this.addCloudFrontOrigins();
    this.addListeners();
    this.addDnsAliases();
    this.addWorkloadData();
    this.addIamAccess();
    this.addGitHubDeploys();
    this.addConnectors();
    this.addAtlasAccessLists();
    this.fillEmptyGroups();
    return this.result();
  }

  // ---- groups

  private addGroup(id: string, kind: GroupKind, title: string, details: string[], parent?: string): void {
    this.groups.set(id, { id, kind, title, details: details.filter(Boolean), parent });
  }

  private addRegion(): void {
    const awsResources = this.stack.elements.some((element) => element.type.startsWith('aws_'));
    if (awsResources) this.addGroup(REGION, 'region', `AWS ${this.stack.region ?? 'region'}`, []);
  }

  private addNetwork(): void {
    for (const vpc of this.stack.resources('aws_vpc')) {
      const flowLogs = this.stack
        .referrers(vpc, 'aws_flow_log')
        .map((log) => `flow logs (${str(log.block.traffic_type) ?? 'ALL'}) → ${destination(log.block)}`);
      const name = str((vpc.block.tags as Block | undefined)?.Name);
      this.addGroup(
        vpc.address,
        'vpc',
        `VPC ${name ?? ''} ${str(vpc.block.cidr_block) ?? ''}`.replace(/\s+/g, ' '),
        flowLogs,
        REGION,
      );
      const subnets = this.stack.referrers(vpc, 'aws_subnet');
      const tiers = new Map<string, TfElement[]>();
      for (const subnet of subnets) tiers.set(tierName(subnet), [...(tiers.get(tierName(subnet)) ?? []), subnet]);
      for (const [tier, members] of tiers) {
        const id = `${vpc.address}/${tier}`;
        const routes = [...new Set(members.flatMap((subnet) => this.defaultRoutes(subnet)))];
        this.addGroup(
          id,
          'tier',
          `${tier} subnets`,
          [
            ...members.map((subnet) =>
              `${str(subnet.block.cidr_block) ?? '?'} ${str(subnet.block.availability_zone) ?? ''}`.trim(),
            ),
            routes.length > 0 ? `0.0.0.0/0 → ${routes.join(', ')}` : 'no route to the internet',
          ],
          vpc.address,
        );
        for (const subnet of members) this.tierOf.set(subnet.address, id);
      }
    }
  }

  /** Where a subnet's 0.0.0.0/0 route goes: "NAT gateway" or "internet gateway". */
  private defaultRoutes(subnet: TfElement): string[] {
    const tables = this.stack
      .referrers(subnet, 'aws_route_table_association')
      .flatMap((association) => this.stack.referenced(association.block.route_table_id, 'aws_route_table'));
    return tables.flatMap((table) => {
      const routes = [
        ...this.stack.referrers(table, 'aws_route').map((route) => route.block),
        ...list(table.block.route),
      ].filter((route) => route.destination_cidr_block === '0.0.0.0/0');
      return routes.flatMap((route) =>
        this.stack
          .referenced(route, 'aws_nat_gateway', 'aws_internet_gateway')
          .map((target) => (target.type === 'aws_nat_gateway' ? 'NAT gateway' : 'internet gateway')),
      );
    });
  }

  // ---- nodes

  private addNode(id: string, kind: NodeKind, title: string, details: readonly string[], group?: string): MutableNode {
    let node = this.nodes.get(id);
    if (!node) {
      node = { id, kind, title, details: details.filter(Boolean), group };
      this.nodes.set(id, node);
    }
    return node;
  }

  private addResourceNodes(): void {
    const logBuckets = new Set(
      [...this.stack.resources('aws_lb'), ...this.stack.resources('aws_cloudfront_distribution')].flatMap((element) =>
        this.stack
          .referenced([element.block.access_logs, element.block.logging_config], 'aws_s3_bucket')
          .map((bucket) => bucket.address),
      ),
    );
    const alarmTopics = new Set(this.alarmTopics().map((topic) => topic.address));
    for (const element of this.stack.elements) {
      if (element.kind !== 'resource' || logBuckets.has(element.address)) continue;
      if (element.type === 'aws_sns_topic' && !alarmTopics.has(element.address)) {
        this.addNode(element.address, 'integration', `SNS ${str(element.block.name) ?? element.id}`, []);
        this.nodeOf.set(element.address, element.address);
        continue;
      }
      const description: Description | undefined = DESCRIBERS[element.type]?.(element, this.stack);
      if (!description) continue;
      this.addNode(element.address, description.kind, description.title, description.details);
      this.nodeOf.set(element.address, element.address);
    }
  }

  /**
   * Pipelines, build projects and source connections as one node: they act on the stack from outside the request
   * path, so one box per project would only stack up beside the architecture. Each pipeline keeps its stages.
   */
  private summarizeDelivery(): void {
    const members = [...this.nodes.values()].filter((node) => node.kind === 'delivery');
    if (members.length < 2) return;
    const elements = members.map((node) => this.stack.get(node.id)).filter((element) => element !== undefined);
    const ofType = (type: string) => elements.filter((element) => element.type === type);
    const pipelines = ofType('aws_codepipeline');
    const names = pipelines.map((pipeline) => str(pipeline.block.name) ?? pipeline.id);
    const prefix = commonPrefix(names);
    const projects = ofType('aws_codebuild_project').length;
    const counts = [
      pipelines.length > 0 && `${pipelines.length} CodePipeline pipeline${pipelines.length === 1 ? '' : 's'}`,
      projects > 0 && `${projects} CodeBuild project${projects === 1 ? '' : 's'}`,
    ].filter(Boolean);
    const details = [
      ...pipelines.map((pipeline, index) => {
        const stages = list(pipeline.block.stage)
          .map((stage) => str(stage.name))
          .filter(Boolean)
          .join(' → ');
        return `${names[index]!.slice(prefix.length)}: ${stages}`;
      }),
      ...members
        .filter((node) => !['CodePipeline', 'CodeBuild'].includes(node.title.split(' ')[0]!))
        .map((node) => node.title),
    ];
    for (const node of members) this.nodes.delete(node.id);
    this.addNode(
      DELIVERY,
      'delivery',
      `CI/CD · ${counts.join(', ') || `${members.length} resources`}`,
      details,
      this.groups.has(REGION) ? REGION : undefined,
    );
    for (const node of members) this.nodeOf.set(node.id, DELIVERY);
  }

  /** NAT gateways: one node per tier they sit in ("NAT gateway ×2"), with the AZs. */
  private addNatGateways(): void {
    const byTier = new Map<string, TfElement[]>();
    for (const nat of this.stack.resources('aws_nat_gateway')) {
      const tier = this.tierOfElement(nat) ?? REGION;
      byTier.set(tier, [...(byTier.get(tier) ?? []), nat]);
    }
    for (const [tier, nats] of byTier) {
      const id = `${tier}/nat-gateways`;
      const zones = nats
        .flatMap((nat) => this.stack.referenced(nat.block.subnet_id, 'aws_subnet'))
        .map((subnet) => str(subnet.block.availability_zone))
        .filter(Boolean);
      this.addNode(
        id,
        'network',
        nats.length === 1 ? 'NAT gateway' : `NAT gateway ×${nats.length}`,
        [zones.length > 0 ? zones.join(', ') : ''],
        tier,
      );
      for (const nat of nats) this.nodeOf.set(nat.address, id);
    }
  }

  private alarmTopics(): TfElement[] {
    const alarms = this.stack.resources('aws_cloudwatch_metric_alarm');
    return [...new Set(alarms.flatMap((alarm) => this.stack.referenced(alarm.block.alarm_actions, 'aws_sns_topic')))];
  }

  /** Alarms, their topic and dashboards as one node: they watch everything, so edges would only be noise. */
  private addOperations(): void {
    const alarms = this.stack.resources('aws_cloudwatch_metric_alarm').length;
    const dashboards = this.stack.resources('aws_cloudwatch_dashboard');
    if (alarms === 0 && dashboards.length === 0) return;
    const topics = this.alarmTopics();
    const subscriptions = topics.flatMap((topic) => this.stack.referrers(topic, 'aws_sns_topic_subscription'));
    this.addNode(
      OPERATIONS,
      'operations',
      `${alarms} CloudWatch alarm${alarms === 1 ? '' : 's'}${topics.length > 0 ? ` → SNS ${topics.map((topic) => str(topic.block.name) ?? topic.id).join(', ')}` : ''}`,
      [
        ...subscriptions.map((subscription) =>
          `${str(subscription.block.protocol) ?? ''} ${str(subscription.block.endpoint) ?? ''}`.trim(),
        ),
        ...dashboards.map((dashboard) => `dashboard ${str(dashboard.block.dashboard_name) ?? dashboard.id}`),
        `${this.stack.resources('aws_cloudwatch_log_group').length} log groups`,
      ],
      REGION,
    );
  }

  /** The tier group of an element's subnets (one tier), else its VPC group (several tiers or only a VPC). */
  private tierOfElement(element: TfElement): string | undefined {
    // A read replica lives in its source's subnet group: it names no subnets of its own.
    const source = this.stack.referencedOne(element.block.replicate_source_db, 'aws_db_instance');
    if (source) return this.tierOfElement(source);
    const subnets = this.reach(element, ['aws_subnet']);
    const tiers = [...new Set(subnets.map((subnet) => this.tierOf.get(subnet.address)).filter(Boolean))] as string[];
    if (tiers.length === 1) return tiers[0];
    const vpcs =
      tiers.length > 1
        ? tiers.map((tier) => this.groups.get(tier)?.parent)
        : this.reach(element, ['aws_vpc']).map((vpc) => vpc.address);
    const unique = [...new Set(vpcs)];
    return unique.length === 1 ? unique[0] : undefined;
  }

  private placeNodes(): void {
    if (this.stack.elements.some((element) => GLOBAL_TYPES.includes(element.type))) {
      this.addGroup(GLOBAL, 'global', 'AWS global (edge)', []);
    }
    for (const project of this.stack.resources('mongodbatlas_project')) {
      this.addGroup(project.address, 'external', `MongoDB Atlas project ${str(project.block.name) ?? project.id}`, []);
    }
    const clusterGroups = new Map<string, string[]>();
    for (const node of this.nodes.values()) {
      const element = this.stack.get(node.id);
      if (!element || node.group !== undefined) continue;
      if (
        GLOBAL_TYPES.includes(element.type) ||
        (element.type === 'aws_wafv2_web_acl' && element.block.scope === 'CLOUDFRONT')
      ) {
        node.group = GLOBAL;
      } else if (element.type.startsWith('mongodbatlas_')) {
        node.group = this.stack.referenced(element.block.project_id, 'mongodbatlas_project')[0]?.address;
      } else if (element.type === 'aws_lb_target_group' || element.type === 'aws_alb_target_group') {
        continue; // beside the load balancer that forwards to it, below
      } else {
        node.group = this.tierOfElement(element) ?? (this.groups.has(REGION) ? REGION : undefined);
      }
      if (element.type === 'aws_ecs_service' && node.group !== undefined) {
        const cluster = this.stack.referencedOne(element.block.cluster, 'aws_ecs_cluster');
        if (cluster) clusterGroups.set(cluster.address, [...(clusterGroups.get(cluster.address) ?? []), node.id]);
      }
    }
    for (const [address, members] of clusterGroups) {
      const parents = [...new Set(members.map((id) => this.nodes.get(id)?.group))];
      if (parents.length !== 1) continue;
      const cluster = this.stack.get(address) as TfElement;
      const insights = list(cluster.block.setting).some(
        (setting) => setting.name === 'containerInsights' && setting.value !== 'disabled',
      );
      this.addGroup(
        address,
        'cluster',
        `ECS cluster ${str(cluster.block.name) ?? cluster.id}`,
        [insights ? 'Container Insights' : ''],
        parents[0],
      );
      for (const id of members) (this.nodes.get(id) as MutableNode).group = address;
    }
    for (const group of this.stack
      .resources('aws_lb_target_group')
      .concat(this.stack.resources('aws_alb_target_group'))) {
      const balancer = this.listenersForwardingTo(group)[0]?.balancer;
      const node = this.nodes.get(group.address);
      if (node) node.group = (balancer && this.nodes.get(balancer)?.group) ?? this.tierOfElement(group);
    }
  }

  // ---- traffic

  /** Every security-group rule as an edge between the resources that carry the groups. */
  private addSecurityGroupRules(): void {
    const owners = this.securityGroupOwners();
    const endpoint = (group: TfElement): string[] => {
      const found = owners.get(group.address);
      if (found && found.length > 0) return found;
      const name = str(group.block.name) ?? str(group.block.name_prefix) ?? group.id;
      this.addNode(
        group.address,
        'network',
        `Security group ${name}`,
        [str(group.block.description) ?? ''],
        this.tierOfElement(group),
      );
      return [group.address];
    };
    for (const rule of this.securityGroupRules()) {
      const [group] = this.stack.referenced(rule.group, 'aws_security_group');
      if (!group) continue;
      const here = endpoint(group);
      const peers: string[] = [];
      for (const peer of this.stack.referenced(rule.peers, 'aws_security_group')) peers.push(...endpoint(peer));
      if (rule.self) peers.push(...here);
      for (const cidr of rule.cidrs) peers.push(this.cidrNode(cidr, rule.direction));
      for (const peer of [...new Set(peers)]) {
        for (const own of here) {
          if (peer === own) continue;
          if (rule.direction === 'ingress') this.addEdge(peer, own, 'traffic', rule.label);
          else this.addEdge(own, peer, 'traffic', rule.label);
        }
      }
    }
  }

  /** Security group address → the nodes of the resources that carry it. */
  private securityGroupOwners(): Map<string, string[]> {
    const owners = new Map<string, string[]>();
    for (const node of [...this.nodes.values()].sort((a, b) => compare(a.id, b.id))) {
      const element = this.stack.get(node.id);
      if (!element) continue;
      for (const group of this.reach(element, ['aws_security_group'])) {
        owners.set(group.address, [...new Set([...(owners.get(group.address) ?? []), node.id])]);
      }
    }
    return owners;
  }

  private securityGroupRules(): SecurityGroupRule[] {
    const rules: SecurityGroupRule[] = [];
    for (const direction of ['ingress', 'egress'] as const) {
      for (const rule of this.stack.resources(`aws_vpc_security_group_${direction}_rule`)) {
        const block = rule.block;
        rules.push({
          direction,
          group: block.security_group_id,
          peers: block.referenced_security_group_id,
          self: false,
          cidrs: [block.cidr_ipv4, block.cidr_ipv6, block.prefix_list_id].filter(
            (cidr): cidr is string => typeof cidr === 'string',
          ),
          label: portLabel(block.ip_protocol, block.from_port, block.to_port),
        });
      }
    }
    for (const rule of this.stack.resources('aws_security_group_rule')) {
      const block = rule.block;
      rules.push({
        direction: block.type === 'egress' ? 'egress' : 'ingress',
        group: block.security_group_id,
        peers: block.source_security_group_id,
        self: block.self === true,
        cidrs: cidrsOf(block),
        label: portLabel(block.protocol, block.from_port, block.to_port),
      });
    }
    for (const group of this.stack.resources('aws_security_group')) {
      for (const direction of ['ingress', 'egress'] as const) {
        for (const block of list(group.block[direction])) {
          rules.push({
            direction,
            group: `\${${group.address}.id}`,
            peers: block.security_groups,
            self: block.self === true,
            cidrs: cidrsOf(block),
            label: portLabel(block.protocol, block.from_port, block.to_port),
          });
        }
      }
    }
    return rules;
  }

  /** 0.0.0.0/0 is the Internet: one node for what comes in, another for what goes out (so the picture reads left to right). */
  private cidrNode(cidr: string, direction: 'ingress' | 'egress'): string {
    const anywhere = cidr === '0.0.0.0/0' || cidr === '::/0';
    if (anywhere && direction === 'ingress') return this.addNode(INTERNET, 'internet', 'Internet', ['0.0.0.0/0']).id;
    if (anywhere) {
      const nat = this.stack.resources('aws_nat_gateway').length > 0;
      return this.addNode(INTERNET_OUT, 'internet', 'Internet (outbound)', [
        nat ? '0.0.0.0/0 through NAT' : '0.0.0.0/0',
      ]).id;
    }
    const vpc = this.stack.resources('aws_vpc').find((candidate) => candidate.block.cidr_block === cidr);
    const id = `${direction === 'ingress' ? 'from' : 'to'}:${cidr}`;
    return this.addNode(id, 'internet', cidr, [vpc ? 'the VPC CIDR' : cidr.startsWith('pl-') ? 'prefix list' : '']).id;
  }

  // ---- data paths

  private addCloudFrontOrigins(): void {
    for (const distribution of this.stack.resources('aws_cloudfront_distribution')) {
      const behaviors = [
        { ...first(distribution.block.default_cache_behavior), path_pattern: 'default' },
        ...list(distribution.block.ordered_cache_behavior),
      ];
      for (const origin of list(distribution.block.origin)) {
        const target = this.stack.referenced(origin.domain_name).map((element) => this.nodeOf.get(element.address))[0];
        if (!target) continue;
        const paths = behaviors
          .filter((behavior) => behavior.target_origin_id === origin.origin_id)
          .map((behavior) => str(behavior.path_pattern) ?? '');
        const custom = first(origin.custom_origin_config);
        const protocol =
          custom.origin_protocol_policy === 'http-only'
            ? `http :${String(custom.http_port ?? 80)}`
            : custom.origin_protocol_policy === 'https-only'
              ? `https :${String(custom.https_port ?? 443)}`
              : origin.origin_access_control_id !== undefined
                ? 'OAC'
                : '';
        const routes = paths.includes('default')
          ? `default${paths.length > 1 ? ` +${paths.length - 1} paths` : ''}`
          : paths.join(', ');
        this.addEdge(distribution.address, target, 'data', [routes, protocol].filter(Boolean).join(' · '));
      }
      const viewers = {
        'redirect-to-https': 'HTTPS (HTTP redirected)',
        'https-only': 'HTTPS',
        'allow-all': 'HTTP, HTTPS',
      };
      const viewer = str(first(distribution.block.default_cache_behavior).viewer_protocol_policy) ?? '';
      this.addEdge(
        this.cidrNode('0.0.0.0/0', 'ingress'),
        distribution.address,
        'data',
        viewers[viewer as keyof typeof viewers] ?? viewer,
      );
      for (const acl of this.stack.referenced(distribution.block.web_acl_id, 'aws_wafv2_web_acl')) {
        this.addEdge(acl.address, distribution.address, 'data', 'web ACL');
      }
    }
  }

  /** Which listeners forward to a target group, and on which paths. */
  private listenersForwardingTo(group: TfElement): { balancer: string; label: string }[] {
    const found: { balancer: string; label: string }[] = [];
    const listeners = [...this.stack.resources('aws_lb_listener'), ...this.stack.resources('aws_alb_listener')];
    for (const listener of listeners) {
      const balancer = this.stack.referenced(listener.block.load_balancer_arn, 'aws_lb', 'aws_alb')[0];
      if (!balancer) continue;
      const on = `${str(listener.block.protocol) ?? ''} :${String(listener.block.port)}`;
      if (this.stack.referenced(listener.block.default_action).includes(group)) {
        found.push({ balancer: balancer.address, label: `${on} default` });
      }
      for (const rule of this.stack.referrers(listener, 'aws_lb_listener_rule', 'aws_alb_listener_rule')) {
        if (!this.stack.referenced(rule.block.action).includes(group)) continue;
        const conditions = list(rule.block.condition).flatMap((condition) => [
          ...((first(condition.path_pattern).values as string[] | undefined) ?? []),
          ...((first(condition.host_header).values as string[] | undefined) ?? []),
        ]);
        found.push({
          balancer: balancer.address,
          label: `${on} ${conditions.join(', ') || `rule ${String(rule.block.priority)}`}`,
        });
      }
    }
    return found;
  }

  private addListeners(): void {
    const groups = [...this.stack.resources('aws_lb_target_group'), ...this.stack.resources('aws_alb_target_group')];
    for (const group of groups) {
      for (const { balancer, label } of this.listenersForwardingTo(group))
        this.addEdge(balancer, group.address, 'data', label);
      for (const target of this.stack.referrers(group)) {
        const node = this.nodeOf.get(target.address);
        if (node && node !== group.address && this.nodes.get(node)?.kind === 'compute')
          this.addEdge(group.address, node, 'data', '');
      }
      for (const attachment of this.stack.referrers(group, 'aws_lb_target_group_attachment')) {
        for (const target of this.stack.referenced(attachment.block.target_id)) {
          const node = this.nodeOf.get(target.address);
          if (node) this.addEdge(group.address, node, 'data', '');
        }
      }
    }
  }

  private addDnsAliases(): void {
    const byPair = new Map<string, { zone: string; target: string; names: Set<string>; types: Set<string> }>();
    for (const record of this.stack.resources('aws_route53_record')) {
      const zone = this.stack.referenced(record.block.zone_id, 'aws_route53_zone')[0];
      const target = this.stack
        .referenced(first(record.block.alias).name)
        .map((element) => this.nodeOf.get(element.address))[0];
      if (!zone || !target) continue;
      const key = `${zone.address}|${target}`;
      const entry = byPair.get(key) ?? { zone: zone.address, target, names: new Set(), types: new Set() };
      entry.names.add(str(record.block.name) ?? '');
      entry.types.add(str(record.block.type) ?? '');
      byPair.set(key, entry);
    }
    for (const { zone, target, names, types } of byPair.values()) {
      this.addEdge(zone, target, 'dns', `${[...names].join(', ')} ${[...types].sort().join('/')}`.trim());
    }
    this.addFailoverRecords();
  }

  /**
   * A failover alias record in a zone the stack does not create (its zone_id a literal id): one node per name, with
   * the record's role and its health check, pointing at the alias target.
   */
  private addFailoverRecords(): void {
    for (const record of this.stack.resources('aws_route53_record')) {
      const failover = str(first(record.block.failover_routing_policy).type);
      if (!failover || this.stack.referenced(record.block.zone_id, 'aws_route53_zone').length > 0) continue;
      const target = this.stack
        .referenced(first(record.block.alias).name)
        .map((element) => this.nodeOf.get(element.address))[0];
      if (!target) continue;
      const check = this.stack.referenced(record.block.health_check_id, 'aws_route53_health_check')[0];
      const name = str(record.block.name) ?? record.id;
      const checked = check
        ? `health check ${str(check.block.type) ?? ''} ${str(check.block.resource_path) ?? '/'} every ${String(check.block.request_interval ?? 30)} s, ${String(check.block.failure_threshold ?? 3)} failures`
        : 'no health check';
      const node = this.addNode(`route53:${name}`, 'edge', `Route 53 ${name}`, [
        `failover ${failover} (${str(record.block.set_identifier) ?? ''})`,
        checked.replace(/ +/g, ' '),
      ]);
      this.addEdge(node.id, target, 'dns', `${str(record.block.type) ?? 'A'} alias`);
    }
  }

  /** A workload's configuration names the databases, caches, buckets and queues it uses (container environment, user data). */
  private addWorkloadData(): void {
    for (const node of this.nodes.values()) {
      const element = this.stack.get(node.id);
      if (!element || node.kind !== 'compute') continue;
      for (const target of this.reach(element)) {
        const to = this.nodeOf.get(target.address);
        const kind = to && this.nodes.get(to)?.kind;
        if (
          to &&
          to !== node.id &&
          (kind === 'database' || kind === 'cache' || kind === 'storage' || kind === 'integration')
        ) {
          this.addEdge(node.id, to, 'data', '');
        }
      }
    }
  }

  /** What a workload's IAM role may read: secrets, images, buckets, tables (resources named in its policies). */
  private addIamAccess(): void {
    for (const node of this.nodes.values()) {
      const element = this.stack.get(node.id);
      if (!element || node.kind !== 'compute') continue;
      for (const role of this.reach(element, ['aws_iam_role'])) {
        for (const statement of this.policyStatements(role)) {
          for (const target of this.resolveResources(statement.resources)) {
            const kind = this.nodes.get(target)?.kind;
            if (target === node.id || kind === undefined) continue;
            this.addEdge(node.id, target, 'access', accessLabel(kind, statement.actions));
          }
        }
      }
    }
  }

  /**
   * GitHub Actions assumes roles through OIDC: a deploy edge to each resource a role's policy names, labelled by role,
   * and one line per role on the GitHub node (the edges would cross the whole picture; dot.ts leaves them out).
   */
  private addGitHubDeploys(): void {
    const roles = this.stack.resources('aws_iam_role').filter((role) => this.trustsGitHub(role));
    if (roles.length === 0) return;
    const names = roles.map((role) => str(role.block.name) ?? role.id);
    const prefix = commonPrefix(names);
    const repositories = new Set<string>();
    for (const role of roles) {
      for (const statement of this.trustStatements(role)) {
        for (const condition of list(statement.condition)) {
          if (!String(condition.variable).endsWith(':sub')) continue;
          for (const value of (condition.values as string[] | undefined) ?? []) repositories.add(githubSubject(value));
        }
      }
    }
    const node = this.addNode(GITHUB, 'external', 'GitHub Actions (OIDC)', [...repositories].sort());
    roles.forEach((role, index) => {
      const label = (names[index] as string).slice(prefix.length);
      const statements = this.policyStatements(role);
      const targets = [...new Set(statements.flatMap((statement) => this.resolveResources(statement.resources)))];
      for (const target of targets) this.addEdge(GITHUB, target, 'deploy', label);
      const services = [
        ...new Set(statements.flatMap((statement) => statement.actions.map((action) => action.split(':')[0]))),
      ];
      const what =
        targets.length > 0
          ? targets.map((target) => this.nodes.get(target)?.title ?? target).join(', ')
          : `${services.slice(0, 4).join(', ')}${services.length > 4 ? ` +${services.length - 4} services` : ''}`;
      node.details.push(`${label} → ${what}`);
    });
  }

  /** Resources that connect two drawn things without being drawn: integrations, event sources, WAF associations. */
  private addConnectors(): void {
    const connect = (type: string, from: string, to: string, label: string) => {
      for (const connector of this.stack.resources(type)) {
        const source = this.stack
          .referenced(connector.block[from])
          .map((element) => this.nodeOf.get(element.address))
          .find(Boolean);
        const target = this.stack
          .referenced(connector.block[to])
          .map((element) => this.nodeOf.get(element.address))
          .find(Boolean);
        if (source && target && source !== target) this.addEdge(source, target, 'data', label);
      }
    };
    connect('aws_apigatewayv2_integration', 'api_id', 'integration_uri', '');
    connect('aws_lambda_event_source_mapping', 'event_source_arn', 'function_name', 'events');
    connect('aws_wafv2_web_acl_association', 'web_acl_arn', 'resource_arn', 'web ACL');
    for (const version of this.stack.resources('aws_secretsmanager_secret_version')) {
      const secret = this.stack.referenced(version.block.secret_id, 'aws_secretsmanager_secret')[0];
      if (!secret) continue;
      for (const source of this.stack.referenced(version.block.secret_string)) {
        const node = this.nodeOf.get(source.address);
        const kind = node && this.nodes.get(node)?.kind;
        if (node && (kind === 'database' || kind === 'cache'))
          this.addEdge(node, secret.address, 'data', 'credentials');
      }
    }
  }

  /** MongoDB Atlas lets in the addresses on its access list: here, another stack's NAT IPs through remote state. */
  private addAtlasAccessLists(): void {
    for (const entry of this.stack.resources('mongodbatlas_project_ip_access_list')) {
      const project = this.stack.referenced(entry.block.project_id, 'mongodbatlas_project')[0];
      if (!project) continue;
      const clusters = this.stack
        .referrers(project, 'mongodbatlas_advanced_cluster', 'mongodbatlas_cluster')
        .map((cluster) => cluster.address);
      const sources = this.stack.remoteOutputs(entry.block).map(({ dataSource, output }) => {
        const stackName = dataSource.id.replace(/^cross-stack-reference-input-/, '');
        const nat = /aws_eip.*nat/.test(output);
        return this.addNode(
          `remote:${stackName}:${nat ? 'nat' : output}`,
          'internet',
          nat ? `${stackName} NAT gateway IPs` : `${stackName} ${output}`,
          ['through remote state'],
        ).id;
      });
      for (const literal of [entry.block.cidr_block, entry.block.ip_address]) {
        if (typeof literal === 'string' && !literal.includes('${')) sources.push(this.cidrNode(literal, 'ingress'));
      }
      for (const source of sources)
        for (const cluster of clusters) this.addEdge(source, cluster, 'traffic', 'IP access list');
    }
  }

  // ---- IAM

  private trustStatements(role: TfElement): Block[] {
    return this.statementsOf(role.block.assume_role_policy);
  }

  private trustsGitHub(role: TfElement): boolean {
    return this.trustStatements(role).some((statement) =>
      list(statement.principals).some((principal) => {
        const providers = this.stack.referenced(principal.identifiers, 'aws_iam_openid_connect_provider');
        return (
          providers.some((provider) => String(provider.block.url).includes('token.actions.githubusercontent.com')) ||
          JSON.stringify(principal.identifiers ?? '').includes('token.actions.githubusercontent.com')
        );
      }),
    );
  }

  /** The Allow statements of a role's inline and attached policies, as { actions, resources }. */
  private policyStatements(role: TfElement): { actions: string[]; resources: unknown[] }[] {
    const documents: unknown[] = [
      ...this.stack.referrers(role, 'aws_iam_role_policy').map((policy) => policy.block.policy),
      ...list(role.block.inline_policy).map((policy) => policy.policy),
      ...this.stack
        .referrers(role, 'aws_iam_role_policy_attachment')
        .flatMap((attachment) => this.stack.referenced(attachment.block.policy_arn, 'aws_iam_policy'))
        .map((policy) => policy.block.policy),
    ];
    return documents
      .flatMap((document) => this.statementsOf(document))
      .filter((statement) => (statement.effect ?? statement.Effect ?? 'Allow') === 'Allow')
      .map((statement) => ({
        actions: asList(statement.actions ?? statement.Action).map(String),
        resources: asList(statement.resources ?? statement.Resource),
      }));
  }

  /** Statements of a policy given as a policy-document data source reference or as a JSON string. */
  private statementsOf(document: unknown): Block[] {
    const data = this.stack
      .references(document)
      .find((reference) => reference.element.type === 'aws_iam_policy_document');
    if (data) return list(data.element.block.statement);
    if (typeof document !== 'string' || document.includes('${')) return [];
    try {
      return list((JSON.parse(document) as Block).Statement);
    } catch {
      return [];
    }
  }

  /** Policy resources → drawn nodes: references to drawn resources, RDS-managed secrets, secrets named by ARN. */
  private resolveResources(resources: unknown[]): string[] {
    const found: string[] = [];
    for (const resource of resources) {
      for (const reference of this.stack.references(resource)) {
        if (reference.attribute.startsWith('master_user_secret')) found.push(this.managedSecret(reference.element));
        const node = this.nodeOf.get(reference.element.address);
        if (node && !reference.attribute.startsWith('master_user_secret')) found.push(node);
      }
      const secret =
        typeof resource === 'string'
          ? /^arn:aws:secretsmanager:[^:]*:[^:]*:secret:(.+?)(-\*|\*)?$/.exec(resource)
          : null;
      if (secret) found.push(this.namedSecret(secret[1] as string));
    }
    return [...new Set(found)];
  }

  /** The master-user secret RDS creates and rotates (`manage_master_user_password`). */
  private managedSecret(database: TfElement): string {
    const id = `${database.address}/master-user-secret`;
    return this.addNode(
      id,
      'secret',
      'Secrets Manager master user secret',
      ['managed by RDS'],
      this.groups.has(REGION) ? REGION : undefined,
    ).id;
  }

  /** A secret an IAM policy names by ARN: this stack's, if it has one of that name, else a node for it. */
  private namedSecret(name: string): string {
    const own = this.stack.resources('aws_secretsmanager_secret').find((secret) => secret.block.name === name);
    if (own) return own.address;
    return this.addNode(
      `secret:${name}`,
      'secret',
      `Secrets Manager ${name}`,
      ['created by another stack'],
      this.groups.has(REGION) ? REGION : undefined,
    ).id;
  }

  // ---- helpers

  /**
   * The elements an element reaches through its references, following launch templates, subnet groups, task
   * definitions and instance profiles (not other drawn resources), optionally only those of the given types.
   */
  private reach(element: TfElement, types?: string[]): TfElement[] {
    const seen = new Set<string>([element.address]);
    const found: TfElement[] = [];
    const queue = [element];
    while (queue.length > 0) {
      const current = queue.shift() as TfElement;
      for (const { element: next } of this.stack.referencesFrom(current)) {
        if (seen.has(next.address)) continue;
        seen.add(next.address);
        if (!types || types.includes(next.type)) found.push(next);
        if (HOPS.includes(next.type)) queue.push(next);
      }
    }
    return found;
  }

  private addEdge(from: string, to: string, kind: EdgeKind, label: string): void {
    const key = `${from}|${to}|${kind}`;
    const edge = this.edges.get(key) ?? { from, to, kind, labels: [] };
    if (label && !edge.labels.includes(label)) edge.labels.push(label);
    this.edges.set(key, edge);
  }

  /** A group with nothing drawn in it still shows (an empty tier is part of the network). */
  private fillEmptyGroups(): void {
    for (const group of this.groups.values()) {
      const used =
        [...this.nodes.values()].some((node) => node.group === group.id) ||
        [...this.groups.values()].some((child) => child.parent === group.id);
      if (!used) this.addNode(`${group.id}/empty`, 'placeholder', 'nothing of this stack here', [], group.id);
    }
  }

  private result(): Diagram {
    const groupOrder = (group: DiagramGroup): string => {
      const tier = TIER_ORDER.indexOf(group.title.replace(/ subnets$/, ''));
      return `${['global', 'region', 'vpc', 'tier', 'cluster', 'external'].indexOf(group.kind)}:${tier < 0 ? 9 : tier}:${group.id}`;
    };
    const kindOrder: NodeKind[] = [
      'internet',
      'external',
      'edge',
      'load-balancer',
      'target-group',
      'network',
      'compute',
      'database',
      'cache',
      'storage',
      'secret',
      'registry',
      'integration',
      'delivery',
      'operations',
      'placeholder',
    ];
    const nodes: DiagramNode[] = [...this.nodes.values()]
      .map((node) => ({ ...node, details: node.details.filter(Boolean) }))
      .sort(
        (a, b) =>
          kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || compare(a.title, b.title) || compare(a.id, b.id),
      );
    const edges: DiagramEdge[] = [...this.edges.values()]
      .map(({ from, to, kind, labels }) => ({
        from,
        to,
        kind,
        label: kind === 'traffic' ? trafficLabel(labels) : labels.join('\n'),
      }))
      .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.kind, b.kind));
    return {
      stack: this.stack.name,
      region: this.stack.region,
      groups: [...this.groups.values()].sort((a, b) => compare(groupOrder(a), groupOrder(b))),
      nodes,
      edges,
    };
  }
}

interface SecurityGroupRule {
  readonly direction: 'ingress' | 'egress';
  readonly group: unknown;
  readonly peers: unknown;
  readonly self: boolean;
  readonly cidrs: string[];
  readonly label: string;
}

function cidrsOf(block: Block): string[] {
  return [block.cidr_blocks, block.ipv6_cidr_blocks, block.prefix_list_ids]
    .flatMap((value) => asList(value))
    .filter((cidr): cidr is string => typeof cidr === 'string');
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** "tcp 3000", "tcp 1024-65535", "udp 53", "all traffic". */
export function portLabel(protocol: unknown, from: unknown, to: unknown): string {
  const name =
    { '-1': ALL_TRAFFIC, all: ALL_TRAFFIC, '6': 'tcp', '17': 'udp', '1': 'icmp' }[String(protocol)] ?? String(protocol);
  if (name === ALL_TRAFFIC) return name;
  if (name === 'icmp' || from === undefined) return name;
  return from === to || to === undefined ? `${name} ${String(from)}` : `${name} ${String(from)}-${String(to)}`;
}

/** Labels of rules between the same two nodes as one: "tcp 80, 443". */
export function trafficLabel(labels: string[]): string {
  if (labels.includes(ALL_TRAFFIC)) return ALL_TRAFFIC;
  const ports = new Map<string, string[]>();
  const other: string[] = [];
  for (const label of labels) {
    const match = /^(tcp|udp) (\d+(?:-\d+)?)$/.exec(label);
    if (!match) other.push(label);
    else ports.set(match[1] as string, [...(ports.get(match[1] as string) ?? []), match[2] as string]);
  }
  const byProtocol = [...ports.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([protocol, list]) => `${protocol} ${list.sort((a, b) => parseInt(a, 10) - parseInt(b, 10)).join(', ')}`);
  return [...byProtocol, ...other.sort(compare)].join('; ');
}

function accessLabel(kind: NodeKind, actions: string[]): string {
  if (kind === 'secret') return 'reads secret';
  if (kind === 'registry')
    return actions.some((action) => /Put|Upload|\*/.test(action)) ? 'pushes images' : 'pulls image';
  return actions.some((action) => /Put|Write|Update|Delete|\*/.test(action)) ? 'read/write' : 'read';
}

function tierName(subnet: TfElement): string {
  const tag = str((subnet.block.tags as Block | undefined)?.tier);
  if (tag) return tag;
  const words = `${subnet.path ?? ''} ${str((subnet.block.tags as Block | undefined)?.Name) ?? ''}`;
  return TIER_ORDER.find((tier) => words.includes(tier)) ?? 'other';
}

function destination(flowLog: Block): string {
  const type = str(flowLog.log_destination_type) ?? 'cloud-watch-logs';
  return type === 's3' ? 'S3' : type === 'kinesis-data-firehose' ? 'Firehose' : 'CloudWatch Logs';
}

/** The common prefix of names up to a dash: "starttech-dev-github-" of "starttech-dev-github-frontend", "…-backend". */
function commonPrefix(names: readonly string[]): string {
  if (names.length < 2) return '';
  let prefix = names[0] as string;
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf('-') + 1);
}

/** `repo:owner/name:ref:refs/heads/main` → `owner/name (main)`; `repo:owner/name:environment:prod` → `owner/name (environment prod)`. */
function githubSubject(subject: string): string {
  const match = /^repo:([^:]+):(.*)$/.exec(subject);
  if (!match) return subject;
  const [, repository, rest] = match as unknown as [string, string, string];
  const scope = rest.replace(/^ref:refs\/heads\//, '').replace(/^environment:/, 'environment ');
  return `${repository} (${scope})`;
}
