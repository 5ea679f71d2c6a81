/** The ESLint rule that keeps provider imports deep (`@cdktf/provider-aws/lib/vpc`), checked against fixtures. */
import { ESLint } from 'eslint';
import { PROJECT_ROOT } from '../../scripts/lib/terraform';

// The project's own config, passed in: ESLint would load the file with import(), which jest's VM lacks.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const projectConfig = require('../../eslint.config.js') as ESLint.Options['overrideConfig'];
const eslint = new ESLint({ cwd: PROJECT_ROOT, overrideConfigFile: true, overrideConfig: projectConfig });

async function restrictedImports(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${PROJECT_ROOT}/${file}` });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId?.endsWith('no-restricted-imports'))
    .map((message) => message.message);
}

it.each([
  "import { Vpc } from '@cdktf/provider-aws';",
  "import { provider } from '@cdktf/provider-random';",
  "import { vpc } from '@cdktf/provider-aws/lib';",
  "import type { Vpc } from '@cdktf/provider-aws';",
])('rejects a provider root import: %s', async (code) => {
  const messages = await restrictedImports(`${code}\nexport const used = 1;\n`, 'src/fixture.ts');
  expect(messages).toHaveLength(1);
  expect(messages[0]).toContain('Import provider classes by deep path');
});

it('accepts a deep import', async () => {
  const code = "import { Vpc } from '@cdktf/provider-aws/lib/vpc';\nexport { Vpc };\n";
  expect(await restrictedImports(code, 'src/fixture.ts')).toEqual([]);
});

it('keeps modules/ from importing project code', async () => {
  const code = "import { project } from '../../src/config/project';\nexport { project };\n";
  expect(await restrictedImports(code, 'modules/x/index.ts')).toEqual([
    "'../../src/config/project' import is restricted from being used by a pattern. modules/ must not import from src/ or backend/.",
  ]);
});
