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
