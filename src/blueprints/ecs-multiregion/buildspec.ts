/**
 * The buildspec of ecs-multiregion's Build stage: unit tests, one image pushed to the primary region's repository (the
 * registry replicates it to the secondary's), and one deploy artifact per target:
 *
 * | artifact    | for                                    | files                                           |
 * | ----------- | -------------------------------------- | ----------------------------------------------- |
 * | `staging`   | ECS deploy of the staging service      | imagedefinitions.json                           |
 * | `primary`   | CodeDeploy blue/green, primary region  | taskdef.json, appspec.yaml, imageDetail.json    |
 * | `secondary` | CodeDeploy blue/green, secondary region| the same, with the replica's image URI          |
 *
 * Each task definition template is the service's current revision in its region (`describe-task-definition`) with the
 * container's image replaced by CodeDeploy's placeholder, so what Terraform gave the task (roles, secrets, logs) is kept.
 * The image tag is the commit (12 characters): tags are immutable.
 */
import { buildspecCommands } from '../../../modules/codebuild/buildspec';

/** Output artifacts of the build, in the order of the table above. */
export const BUILD_ARTIFACTS = { staging: 'staging', primary: 'primary', secondary: 'secondary' } as const;

/** CodeDeploy's image placeholder in the task definition templates. */
export const IMAGE_PLACEHOLDER = 'IMAGE1_NAME';

/**
 * The project's environment variables the buildspec reads: REPOSITORY_URI, REPOSITORY_NAME, PRIMARY_REGION,
 * SECONDARY_REGION, SECONDARY_REPOSITORY_URI, SERVICE_FAMILY, CONTAINER_NAME, APPSPEC_YAML,
 * UNIT_TEST_COMMAND, REPLICATION_WAIT_SECONDS.
 */
export function multiregionBuildspec(): string {
  const strip =
    'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy)';
  const image = `.containerDefinitions |= map(if .name == $c then .image = "<${IMAGE_PLACEHOLDER}>" else . end)`;
  return `version: 0.2
env:
  shell: bash
phases:
  pre_build:
    commands:
${buildspecCommands(6, [
  'IMAGE_TAG="$(echo "$CODEBUILD_RESOLVED_SOURCE_VERSION" | cut -c1-12)"',
  'aws ecr get-login-password --region "$PRIMARY_REGION" | docker login --username AWS --password-stdin "$(echo "$REPOSITORY_URI" | cut -d/ -f1)"',
])}
  build:
    commands:
${buildspecCommands(6, [
  'eval "$UNIT_TEST_COMMAND"',
  'docker build -t "$REPOSITORY_URI:$IMAGE_TAG" .',
  'docker push "$REPOSITORY_URI:$IMAGE_TAG"',
  // The secondary region deploys the replica: wait until replication has copied this tag.
  'waited=0; until aws ecr describe-images --region "$SECONDARY_REGION" --repository-name "$REPOSITORY_NAME" --image-ids imageTag="$IMAGE_TAG" > /dev/null 2>&1; do if [ "$waited" -ge "$REPLICATION_WAIT_SECONDS" ]; then echo "image $IMAGE_TAG has not reached $SECONDARY_REGION after $waited s: check the registry replication"; exit 1; fi; sleep 15; waited=$((waited + 15)); done',
  'mkdir -p deploy/staging deploy/primary deploy/secondary',
  `printf '[{"name":"%s","imageUri":"%s"}]' "$CONTAINER_NAME" "$REPOSITORY_URI:$IMAGE_TAG" > deploy/staging/imagedefinitions.json`,
  `aws ecs describe-task-definition --region "$PRIMARY_REGION" --task-definition "$SERVICE_FAMILY" --query taskDefinition | jq --arg c "$CONTAINER_NAME" '${strip} | ${image}' > deploy/primary/taskdef.json`,
  `aws ecs describe-task-definition --region "$SECONDARY_REGION" --task-definition "$SERVICE_FAMILY" --query taskDefinition | jq --arg c "$CONTAINER_NAME" '${strip} | ${image}' > deploy/secondary/taskdef.json`,
  `printf '{"ImageURI":"%s"}' "$REPOSITORY_URI:$IMAGE_TAG" > deploy/primary/imageDetail.json`,
  `printf '{"ImageURI":"%s"}' "$SECONDARY_REPOSITORY_URI:$IMAGE_TAG" > deploy/secondary/imageDetail.json`,
  'printf "%s\\n" "$APPSPEC_YAML" | tee deploy/primary/appspec.yaml > deploy/secondary/appspec.yaml',
])}
artifacts:
  files:
    - "**/*"
  base-directory: deploy
  secondary-artifacts:
${Object.values(BUILD_ARTIFACTS)
  .map(
    (name) => `    ${name}:
      base-directory: deploy/${name}
      files:
        - "**/*"`,
  )
  .join('\n')}
`;
}
