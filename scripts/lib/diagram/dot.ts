/**
 * A diagram (model.ts) as Graphviz DOT: left to right (Internet → edge → load balancer → workloads → data), groups as
 * nested clusters, colours by kind of resource (close to AWS's architecture icons), one style per kind of edge and a
 * legend of the kinds drawn. Pure and deterministic: the committed `docs/diagrams/<stack>.dot` is this text.
 */
import type { Diagram, DiagramEdge, DiagramGroup, DiagramNode, EdgeKind, GroupKind, NodeKind } from './model';
import { compare } from './stack-json';

const FONT = 'Helvetica';

const NODE_STYLE: Record<NodeKind, { fill: string; line: string; shape?: string }> = {
  internet: { fill: '#FFFFFF', line: '#545B64', shape: 'oval' },
  external: { fill: '#F2F3F3', line: '#232F3E' },
  edge: { fill: '#F4EEFF', line: '#8C4FFF' },
  network: { fill: '#F4EEFF', line: '#8C4FFF' },
  'load-balancer': { fill: '#F4EEFF', line: '#8C4FFF' },
  'target-group': { fill: '#FFFFFF', line: '#8C4FFF' },
  compute: { fill: '#FFF3E6', line: '#ED7100' },
  database: { fill: '#EEF0FF', line: '#3B48CC', shape: 'cylinder' },
  cache: { fill: '#EEF0FF', line: '#3B48CC', shape: 'cylinder' },
  storage: { fill: '#EEF8E8', line: '#3F8624' },
  secret: { fill: '#FDEDEF', line: '#DD344C' },
  registry: { fill: '#FFF3E6', line: '#ED7100' },
  integration: { fill: '#FCEAF4', line: '#E7157B' },
  delivery: { fill: '#EAF4FB', line: '#2E73B8' },
  operations: { fill: '#FCEAF4', line: '#E7157B' },
  placeholder: { fill: '#FFFFFF', line: '#AAB7B8' },
};

const GROUP_STYLE: Record<GroupKind, { fill: string; line: string; style: string }> = {
  global: { fill: '#FCFAFF', line: '#8C4FFF', style: 'dashed,rounded' },
  region: { fill: '#FFFFFF', line: '#545B64', style: 'dashed,rounded' },
  vpc: { fill: '#FAFCF7', line: '#248814', style: 'rounded' },
  tier: { fill: '#EEF6FA', line: '#00A4A6', style: 'filled,rounded' },
  cluster: { fill: '#FFFAF4', line: '#ED7100', style: 'filled,dashed,rounded' },
  external: { fill: '#F7F7F7', line: '#232F3E', style: 'filled,dashed,rounded' },
};

/** The public tier in green, as AWS draws it; other tiers in the private teal. */
const PUBLIC_TIER = { fill: '#F2F8E9', line: '#7AA116', style: 'filled,rounded' };

/** Edge kinds from the most to the least telling: when several join two nodes, the first one's style is drawn. */
const EDGE_KINDS: EdgeKind[] = ['traffic', 'data', 'dns', 'access', 'deploy'];

/** DNS aliases and CI deploys say what points where, not where requests flow: they do not order the layout. */
const EDGE_STYLE: Record<EdgeKind, { color: string; style: string; legend: string; constraint?: false }> = {
  traffic: {
    color: '#2E73B8',
    style: 'solid',
    legend: 'blue: allowed traffic (security-group rules, protocol and port)',
  },
  data: { color: '#545B64', style: 'solid', legend: 'grey: request and data paths' },
  dns: { color: '#8C4FFF', style: 'dashed', legend: 'purple dashed: DNS alias', constraint: false },
  access: { color: '#DD344C', style: 'dashed', legend: 'red dashed: IAM access of a workload' },
  deploy: {
    color: '#7D8998',
    style: 'dotted',
    legend: 'dotted: what a CI role may deploy (not drawn)',
    constraint: false,
  },
};

/** An edge as drawn: edges joining the same two nodes are one line; its style is that of its most telling kind. */
export interface DrawnEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label: string;
}

/**
 * The edges to draw. Traffic the load balancer sends to a target (ALB → service, "tcp 3000") is drawn on the
 * target group → target hop of the request path rather than as a second line beside it; then edges between the same
 * two nodes are merged.
 */
export function drawnEdges(diagram: Diagram): DrawnEdge[] {
  const targetGroups = new Set(diagram.nodes.filter((node) => node.kind === 'target-group').map((node) => node.id));
  const data = diagram.edges.filter((edge) => edge.kind === 'data');
  const moved: DiagramEdge[] = diagram.edges.map((edge) => {
    if (edge.kind !== 'traffic') return edge;
    const via = data.find(
      (first) =>
        first.from === edge.from &&
        targetGroups.has(first.to) &&
        data.some((second) => second.from === first.to && second.to === edge.to),
    );
    return via ? { ...edge, from: via.to } : edge;
  });
  const pairs = new Map<string, DiagramEdge[]>();
  // Deploy edges (CI → everything it may change) would cross the whole picture: the CI node lists them instead.
  for (const edge of moved.filter((candidate) => candidate.kind !== 'deploy'))
    pairs.set(`${edge.from}\u0000${edge.to}`, [...(pairs.get(`${edge.from}\u0000${edge.to}`) ?? []), edge]);
  return [...pairs.values()]
    .map((edges) => {
      const sorted = [...edges].sort((a, b) => EDGE_KINDS.indexOf(a.kind) - EDGE_KINDS.indexOf(b.kind));
      const labels = [...new Set(sorted.map((edge) => edge.label).filter(Boolean))];
      const head = sorted[0] as DiagramEdge;
      return { from: head.from, to: head.to, kind: head.kind, label: labels.join('\n') };
    })
    .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
}

export function toDot(diagram: Diagram): string {
  const edges = drawnEdges(diagram);
  const kinds = EDGE_KINDS.filter((kind) => edges.some((edge) => edge.kind === kind));
  const title = `<b>${html(diagram.stack)}</b>${diagram.region ? ` · ${html(diagram.region)}` : ''}`;
  const legend = kinds.map((kind) => `${html(EDGE_STYLE[kind].legend)}<br align="left"/>`).join('');
  const lines = [
    `// Generated by \`npm run diagrams\` from the synthesized stack ${diagram.stack}: do not edit.`,
    `digraph ${quote(diagram.stack)} {`,
    `  graph [rankdir=LR, newrank=true, compound=true, fontname=${quote(FONT)}, fontsize=12, labelloc=t, labeljust=l, nodesep=0.3, ranksep=0.55, pad=0.25, label=<${title}<br align="left"/>${legend ? `<font point-size="9" color="#545B64">${legend}</font>` : ''}>];`,
    `  node [shape=box, style="rounded,filled", fontname=${quote(FONT)}, fontsize=11, margin="0.14,0.06", penwidth=1.2];`,
    `  edge [fontname=${quote(FONT)}, fontsize=9, arrowsize=0.7];`,
  ];
  const clusterIds = new Map(diagram.groups.map((group, index) => [group.id, `cluster_${index}`]));
  const writeGroup = (group: DiagramGroup | undefined, indent: string): void => {
    for (const node of diagram.nodes.filter((candidate) => candidate.group === group?.id))
      lines.push(`${indent}${nodeLine(node)}`);
    for (const child of diagram.groups.filter((candidate) => candidate.parent === group?.id)) {
      const style = child.kind === 'tier' && child.title.startsWith('public') ? PUBLIC_TIER : GROUP_STYLE[child.kind];
      const details = child.details
        .map((detail) => `<font point-size="9">${html(detail)}</font><br align="left"/>`)
        .join('');
      lines.push(`${indent}subgraph ${clusterIds.get(child.id)} {`);
      lines.push(
        `${indent}  graph [label=<<b>${html(child.title)}</b><br align="left"/>${details}>, style=${quote(style.style)}, color=${quote(style.line)}, fillcolor=${quote(style.fill)}, fontsize=11, margin=10];`,
      );
      writeGroup(child, `${indent}  `);
      lines.push(`${indent}}`);
    }
  };
  writeGroup(undefined, '  ');
  // Outside every group, left: where requests come from; right: the Internet that workloads call out to. Nodes that
  // nothing points at are hung (invisibly) from the first source, so the sources stand alone left of the AWS groups.
  const sources = diagram.nodes.filter((node) => node.group === undefined && node.id !== 'internet-outbound');
  const sinks = diagram.nodes.filter((node) => node.id === 'internet-outbound');
  if (sources.length > 0) lines.push(`  { rank=min; ${sources.map((node) => quote(node.id)).join('; ')}; }`);
  if (sinks.length > 0) lines.push(`  { rank=max; ${sinks.map((node) => quote(node.id)).join('; ')}; }`);
  for (const line of alignFloatingNodes(diagram, edges, sources[0])) lines.push(`  ${line}`);
  for (const edge of edges) {
    const style = EDGE_STYLE[edge.kind];
    const label = edge.label ? `, label=${quote(edge.label)}, fontcolor=${quote(style.color)}` : '';
    const constraint = style.constraint === false ? ', constraint=false' : '';
    lines.push(
      `  ${quote(edge.from)} -> ${quote(edge.to)} [color=${quote(style.color)}, style=${style.style}${label}${constraint}];`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/**
 * Nodes that no request reaches (NAT gateways, the alarm summary, a DNS zone) would sit in the first column with the
 * Internet and stretch their group over it, so that edges from the Internet must detour round the group. Each such
 * node is put in the column of its top-level group's first reached node instead (`rank=same`); the nodes of a group
 * that nothing reaches (a DNS zone that only points) stand in the sources' column.
 */
function alignFloatingNodes(diagram: Diagram, edges: DrawnEdge[], anchor: DiagramNode | undefined): string[] {
  const ordering = edges.filter((edge) => EDGE_STYLE[edge.kind].constraint !== false);
  const reached = new Set(ordering.map((edge) => edge.to));
  const depth = new Map(diagram.nodes.map((node) => [node.id, 0]));
  for (let round = 0; round < diagram.nodes.length; round += 1) {
    let changed = false;
    for (const edge of ordering) {
      const next = (depth.get(edge.from) ?? 0) + 1;
      if (next > (depth.get(edge.to) ?? 0)) {
        depth.set(edge.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const parentOf = new Map(diagram.groups.map((group) => [group.id, group.parent]));
  const topGroup = (node: DiagramNode): string | undefined => {
    let group = node.group;
    while (group !== undefined && parentOf.get(group) !== undefined) group = parentOf.get(group);
    return group;
  };
  const lines: string[] = [];
  for (const group of diagram.groups.filter((candidate) => candidate.parent === undefined)) {
    const members = diagram.nodes.filter((node) => topGroup(node) === group.id);
    const floating = members.filter((node) => !reached.has(node.id));
    const entry = members
      .filter((node) => reached.has(node.id))
      .sort((a, b) => (depth.get(a.id) ?? 0) - (depth.get(b.id) ?? 0))[0];
    if (floating.length === 0) continue;
    if (entry) lines.push(`{ rank=same; ${[entry, ...floating].map((node) => quote(node.id)).join('; ')}; }`);
    else if (anchor) lines.push(`{ rank=same; ${[anchor, ...floating].map((node) => quote(node.id)).join('; ')}; }`);
  }
  return lines;
}

function nodeLine(node: DiagramNode): string {
  const style = NODE_STYLE[node.kind];
  const details = node.details.map((detail) => `<br/><font point-size="9">${html(detail)}</font>`).join('');
  const title = node.kind === 'placeholder' ? `<i>${html(node.title)}</i>` : `<b>${html(node.title)}</b>`;
  const attributes = [
    `label=<${title}${details}>`,
    `fillcolor=${quote(style.fill)}`,
    `color=${quote(style.line)}`,
    ...(style.shape ? [`shape=${style.shape}`] : []),
    ...(node.kind === 'placeholder' ? ['style="rounded,dashed"', 'fontcolor="#7D8998"'] : []),
  ];
  return `${quote(node.id)} [${attributes.join(', ')}];`;
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
