/**
 * The CodeBuild buildspecs of serverless-web's three pipelines, as YAML text. Values known at synth (the stack name,
 * directories) are written in; values known at apply (a repository URL, a bucket name) come as the project's
 * environment variables.
 */
import { buildspecCommands } from '../../../modules/codebuild/buildspec';

/** Terraform the infrastructure pipeline installs: the version this project is tested with. */
export const PIPELINE_TERRAFORM_VERSION = '1.11.4';

const INSTALL_TERRAFORM = [
  `curl -sSfo /tmp/terraform.zip "https://releases.hashicorp.com/terraform/${PIPELINE_TERRAFORM_VERSION}/terraform_${PIPELINE_TERRAFORM_VERSION}_linux_amd64.zip"`,
  'unzip -o -q /tmp/terraform.zip -d /usr/local/bin',
  'terraform version',
];

/**
 * Plan: synthesize the app, init the stack's directory (state in the S3 backend) and save a plan; the artifact is the
 * stack's directory with the plan, without the provider cache.
 */
export function infrastructurePlanBuildspec(stack: string): string {
  return `version: 0.2
env:
  variables:
    TF_IN_AUTOMATION: "1"
    CHECKPOINT_DISABLE: "1"
phases:
  install:
    runtime-versions:
      nodejs: 20
    commands:
${buildspecCommands(6, [...INSTALL_TERRAFORM, 'npm ci'])}
  build:
    commands:
${buildspecCommands(6, [
  'npx cdktf synth',
  `cd cdktf.out/stacks/${stack} && terraform init -input=false && terraform plan -input=false -out=tfplan`,
])}
artifacts:
  base-directory: cdktf.out/stacks/${stack}
  files:
    - "**/*"
  exclude-paths:
    - ".terraform/**/*"
`;
}

/** Apply: exactly the saved plan that was approved (Terraform refuses it if the state moved on meanwhile). */
export function infrastructureApplyBuildspec(): string {
  return `version: 0.2
env:
  variables:
    TF_IN_AUTOMATION: "1"
    CHECKPOINT_DISABLE: "1"
phases:
  install:
    commands:
${buildspecCommands(6, INSTALL_TERRAFORM)}
  build:
    commands:
${buildspecCommands(6, ['terraform init -input=false', 'terraform apply -input=false tfplan'])}
`;
}

/**
 * Backend: build the image from the backend directory, push it tagged with the commit, and point the function at it.
 * While the function does not exist (the first deploy), the image is also tagged BOOTSTRAP_TAG, the tag the stack
 * creates the function with.
 */
export function backendBuildspec(backendDirectory: string): string {
  const deploy = [
    'if aws lambda get-function --function-name "$FUNCTION_NAME" > /dev/null 2>&1; then',
    '  aws lambda update-function-code --function-name "$FUNCTION_NAME" --image-uri "$REPOSITORY_URI:$IMAGE_TAG";',
    '  aws lambda wait function-updated-v2 --function-name "$FUNCTION_NAME";',
    'elif aws ecr describe-images --repository-name "$REPOSITORY_NAME" --image-ids imageTag="$BOOTSTRAP_TAG" > /dev/null 2>&1; then',
    '  echo "$FUNCTION_NAME does not exist yet; $BOOTSTRAP_TAG is already pushed: deploy the stack with lambda.createFunction true";',
    'else',
    '  docker tag "$REPOSITORY_URI:$IMAGE_TAG" "$REPOSITORY_URI:$BOOTSTRAP_TAG" && docker push "$REPOSITORY_URI:$BOOTSTRAP_TAG";',
    '  echo "Pushed $BOOTSTRAP_TAG: deploy the stack with lambda.createFunction true to create $FUNCTION_NAME";',
    'fi',
  ].join('\n');
  return `version: 0.2
phases:
  pre_build:
    commands:
${buildspecCommands(6, [
  'aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "$(echo "$REPOSITORY_URI" | cut -d/ -f1)"',
  'IMAGE_TAG="$(echo "$CODEBUILD_RESOLVED_SOURCE_VERSION" | cut -c1-12)"',
  '[ -n "$IMAGE_TAG" ] || IMAGE_TAG="build-$CODEBUILD_BUILD_NUMBER"',
])}
  build:
    commands:
${buildspecCommands(6, [
  `docker build -t "$REPOSITORY_URI:$IMAGE_TAG" ${JSON.stringify(backendDirectory)}`,
  'docker push "$REPOSITORY_URI:$IMAGE_TAG"',
  deploy,
])}
`;
}

/**
 * Frontend: build the SPA and sync it to the bucket — fingerprinted assets as immutable, index.html never cached,
 * removed files deleted — then invalidate the distribution.
 */
export function frontendBuildspec(frontendDirectory: string, buildDirectory: string): string {
  const dist = `${frontendDirectory}/${buildDirectory}`;
  return `version: 0.2
phases:
  install:
    runtime-versions:
      nodejs: 20
  build:
    commands:
${buildspecCommands(6, [
  // A subshell: the build phase's commands share one shell, so a `cd` would move the ones after it.
  `(cd ${JSON.stringify(frontendDirectory)} && npm ci && npm run build)`,
  `aws s3 sync ${JSON.stringify(`${dist}/assets`)} "s3://$BUCKET/assets" --delete --cache-control "public, max-age=31536000, immutable"`,
  `aws s3 sync ${JSON.stringify(dist)} "s3://$BUCKET" --delete --exclude "assets/*" --exclude index.html`,
  `aws s3 cp ${JSON.stringify(`${dist}/index.html`)} "s3://$BUCKET/index.html" --cache-control no-cache`,
  'aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION_ID" --paths "/*"',
])}
`;
}
