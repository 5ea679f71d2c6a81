import { resourceRule } from '../rule';
import { nestedList } from '../stack-view';
import { containerDefinitions } from './helpers';

/** Variable names that hold credentials. */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|ACCESS_KEY|API_KEY|CREDENTIALS?)$/i;

export const ecsNoSecretsInEnvironment = resourceRule({
  id: 'ecs-no-secrets-in-environment',
  severity: 'error',
  description: 'Containers get credentials from secrets (Secrets Manager, SSM), not plain environment variables',
  controls: { fsbp: 'ECS.8' },
  fix: "move the variable to the container's secrets (valueFrom a Secrets Manager ARN)",
  types: ['aws_ecs_task_definition'],
  check: (block, stack) =>
    containerDefinitions(block, stack).flatMap((container) =>
      nestedList(container.environment)
        .filter((variable) => typeof variable.name === 'string' && SECRET_NAME.test(variable.name))
        .map((variable) => `container ${String(container.name)} gets ${String(variable.name)} as a plain variable`),
    ),
});
