/**
 * The instances' user data: a small bash template that installs Docker, logs in to ECR, pulls the application image and
 * runs it with the awslogs log driver. Kept apart from the construct so the script reads as a script.
 *
 * Values may be cdktf tokens (an ECR repository URL, a cache endpoint); they end up inside single quotes, so their
 * resolved values must not contain `'` (AWS ids, ARNs, URLs and host names never do).
 */

export interface UserDataInput {
  /** AWS region of the registry and the log group. */
  readonly region: string;
  /** Registry host for `docker login`, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com`. */
  readonly registry: string;
  /** Image to pull and run, `<repository url>:<tag>`. */
  readonly image: string;
  readonly containerPort: number;
  readonly hostPort: number;
  readonly logGroupName: string;
  /** Container environment; keys already validated as shell-safe names, values free of line breaks. */
  readonly environment: Readonly<Record<string, string>>;
}

/** Quotes a value for bash: inside single quotes nothing is special, and `'` itself becomes `'\''`. */
export function shellQuote(value: string): string {
  return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

/** Renders the script (plain text, before base64). */
export function renderUserData(input: UserDataInput): string {
  const environment = Object.entries(input.environment).map(([key, value]) => `  -e ${key}=${shellQuote(value)} \\`);
  return [
    '#!/bin/bash',
    '# Docker host bootstrap (modules/auto-scaling-web): install Docker, pull the app image from ECR, run it.',
    'set -euo pipefail',
    '',
    `AWS_REGION=${shellQuote(input.region)}`,
    `REGISTRY=${shellQuote(input.registry)}`,
    `IMAGE=${shellQuote(input.image)}`,
    `LOG_GROUP=${shellQuote(input.logGroupName)}`,
    '',
    '# Amazon Linux 2 ships Docker as an extras topic; Amazon Linux 2023 in its main repository.',
    'if command -v amazon-linux-extras >/dev/null 2>&1; then',
    '  amazon-linux-extras install -y docker',
    'else',
    '  yum install -y docker',
    'fi',
    'systemctl enable --now docker',
    '',
    '# IMDSv2 (a session token is required): the instance id names the log stream.',
    "IMDS_TOKEN=$(curl -sS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')",
    'INSTANCE_ID=$(curl -sS -H "X-aws-ec2-metadata-token: $IMDS_TOKEN" http://169.254.169.254/latest/meta-data/instance-id)',
    '',
    '# A new instance role can take a few seconds to reach EC2: retry the calls that need it.',
    'ecr_login() {',
    '  aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "$REGISTRY"',
    '}',
    'attempt=1',
    'until ecr_login && docker pull "$IMAGE"; do',
    '  if [ "$attempt" -ge 5 ]; then echo "ECR login or pull of $IMAGE failed" >&2; exit 1; fi',
    '  attempt=$((attempt + 1))',
    '  sleep 15',
    'done',
    '',
    'docker run --detach --name app --restart always \\',
    `  -p ${input.hostPort}:${input.containerPort} \\`,
    '  --log-driver awslogs \\',
    '  --log-opt awslogs-region="$AWS_REGION" \\',
    '  --log-opt awslogs-group="$LOG_GROUP" \\',
    '  --log-opt awslogs-stream="$INSTANCE_ID" \\',
    ...environment,
    '  "$IMAGE"',
    '',
  ].join('\n');
}

/**
 * Escapes a script for use as the argument of a cdktf `Fn` call, whose argument becomes a Terraform quoted string:
 * backslashes, double quotes, `%{` (a template directive) and tabs are escaped here; cdktf itself escapes newlines and
 * `${`, and turns tokens into `${...}` interpolations. Token markers contain none of the characters escaped here.
 */
export function terraformStringArgument(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%\{/g, '%%{').replace(/\t/g, '\\t');
}
