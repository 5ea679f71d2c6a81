import { conditionsOn } from '../policy';
import { resourceRule } from '../rule';
import { GITHUB_HOST, oidcHost, trustStatements } from './iam-helpers';

/** `repo:<owner>/<name>:<ref, environment or pull_request>` with no wildcard anywhere. */
const EXACT_GITHUB_SUBJECT =
  /^repo:[A-Za-z0-9-]+\/[A-Za-z0-9._-]+:(ref:refs\/(heads|tags)\/[^*?]+|environment:[^*?]+|pull_request)$/;

export const iamOidcSubject = resourceRule({
  id: 'iam-oidc-subject',
  severity: 'error',
  description:
    'A role that trusts an OIDC provider pins exact subjects (sub): one repository and its refs or environments, no wildcards',
  controls: { checkov: 'CKV_AWS_358' },
  fix: 'add condition StringEquals <issuer>:sub = repo:<owner>/<repo>:environment:<env> (or :ref:refs/heads/<branch>)',
  types: ['aws_iam_role'],
  check: (role, stack) =>
    trustStatements(role, stack).flatMap((statement) => {
      const host = oidcHost(statement, stack);
      if (!host || statement.effect !== 'Allow') return [];
      const subjects = conditionsOn(statement, `${host}:sub`);
      if (subjects.length === 0)
        return [`trust in ${host} does not restrict the subject (${host}:sub): any repository may assume it`];
      const loose = subjects.flatMap((condition) =>
        condition.values.filter(
          (value) =>
            (condition.operator !== 'StringEquals' && /[*?]/.test(value)) ||
            (host === GITHUB_HOST && !EXACT_GITHUB_SUBJECT.test(value)),
        ),
      );
      return loose.length > 0 ? [`trust accepts subjects that are not exact: ${loose.join(', ')}`] : [];
    }),
});
