import type { z } from 'zod';

/** "halls[0].matters[3].categoryId": where in a document a problem is. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** One line per problem, each led by its path, for configuration and scenario files. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length === 0 ? '(root)' : formatPath(i.path)}: ${i.message}`);
}

/** A document (hall configuration, scenario) with every problem listed by its path. */
export class DocumentError extends Error {
  constructor(
    what: string,
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid ${what} in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses with a schema, or throws the document error made by `fail` with every problem. */
export function parseDocument<T extends z.ZodType>(
  schema: T,
  data: unknown,
  fail: (problems: string[]) => DocumentError,
): z.output<T> {
  const r = schema.safeParse(data);
  if (!r.success) throw fail(formatIssues(r.error));
  return r.data;
}
