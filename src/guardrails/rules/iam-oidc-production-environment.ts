import { conditionsOn } from '../policy';
import { resourceRule } from '../rule';
import { GITHUB_HOST, oidcHost, trustStatements } from './iam-helpers';

export const iamOidcProductionEnvironment = resourceRule({
  id: 'iam-oidc-production-environment',
  severity: 'error',
  description:
    "In production, GitHub roles trust only GitHub environment subjects (repo:<owner>/<repo>:environment:<env>), so the environment's reviewers gate every assumption",
  controls: {},
  fix: 'trust environment:<env> instead of branch refs (github.<role>.environments in config) and protect that GitHub environment',
  types: ['aws_iam_role'],
  productionOnly: true,
  check: (role, stack) =>
    trustStatements(role, stack).flatMap((statement) => {
      if (statement.effect !== 'Allow' || oidcHost(statement, stack) !== GITHUB_HOST) return [];
      const subjects = conditionsOn(statement, `${GITHUB_HOST}:sub`).flatMap((condition) => condition.values);
      const other = subjects.filter((subject) => !/^repo:[^:]+:environment:[^*?]+$/.test(subject));
      return other.length > 0
        ? [`a production role trusts ${other.join(', ')}: any workflow run on that ref may assume it`]
        : [];
    }),
});
