/**
 * Writing buildspec YAML from TypeScript: a list of shell commands as a YAML sequence, each command a JSON string
 * (valid YAML, no quoting surprises).
 */

/**
 * A YAML list of commands, indented by `indent` spaces. Terraform reads `$\{` and `%\{` in any string as its own
 * template syntax, so the shell commands must do without them (`$VAR`, `$(...)`): refused here rather than at plan time.
 */
export function buildspecCommands(indent: number, lines: readonly string[]): string {
  const templated = lines.find((line) => /[$%]\{/.test(line));
  if (templated) throw new Error(`buildspec command uses Terraform template syntax ($ or % before {): ${templated}`);
  return lines.map((line) => `${' '.repeat(indent)}- ${JSON.stringify(line)}`).join('\n');
}
