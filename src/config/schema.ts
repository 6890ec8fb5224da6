/**
 * The shape of a File Connector configuration file and the error type that reports what is wrong with one.
 * Endpoints reuse the contract's schema so a file, the UI and the API accept exactly the same endpoints.
 */
import { z } from 'zod';
import { endpointInputSchema } from '../contract/schemas.js';
import type { EndpointDefinition } from '../contract/schemas.js';

/** Top-level schema of a config file; strict so a misspelt top-level key is reported instead of ignored. */
export const configFileSchema = z.strictObject({
  version: z.literal(1).default(1),
  endpoints: z.array(endpointInputSchema),
});

/** A validated config file with every endpoint's defaults applied. */
export interface FileConnectorConfig {
  version: 1;
  endpoints: EndpointDefinition[];
}

/** One problem found in a config file; `path` is like `endpoints[1].settings.path` or `(document)`. */
export interface ConfigIssue {
  file: string;
  path: string;
  line: number | null;
  column: number | null;
  message: string;
}

/** Formats an issue as `file:line:column path: message`, leaving out line and column when unknown. */
export function formatConfigIssue(issue: ConfigIssue): string {
  let where = issue.file;
  if (issue.line !== null) {
    where += `:${issue.line}`;
    if (issue.column !== null) where += `:${issue.column}`;
  }
  return `${where} ${issue.path}: ${issue.message}`;
}

/** Thrown when a config file cannot be used; lists every issue found, one per line. */
export class ConfigError extends Error {
  /** Every issue, in file order where positions are known. */
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    super(issues.map(formatConfigIssue).join('\n'));
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
