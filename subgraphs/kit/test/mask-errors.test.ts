import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CodedError, ErrorCode } from '../src/index.ts';
import { createLogger } from '../src/logger.ts';
import { maskErrors } from '../src/mask-errors.ts';

const mask = maskErrors(createLogger('test', 'silent'));

describe('error masking', () => {
  it('shows an unexpected error only as a generic message with INTERNAL_SERVER_ERROR', () => {
    const leaked = new Error('connection to 10.0.0.7:5432 refused; password=hunter2');
    expect(mask({ message: leaked.message, path: ['viewer'] }, leaked)).toEqual({ message: 'Unexpected error.', path: ['viewer'], extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  });

  it('lets a coded error through as it is', () => {
    const error = new CodedError(ErrorCode.FORBIDDEN, 'Not yours.');
    const formatted = { message: 'Not yours.', extensions: { code: 'FORBIDDEN' } };
    expect(mask(formatted, error)).toBe(formatted);
  });

  it('lets a subgraph’s coded error, arriving at the gateway as a plain object, through', () => {
    const downstream = { message: 'Only members may see this.', extensions: { code: 'FORBIDDEN' } };
    expect(mask(downstream, downstream)).toBe(downstream);
  });

  it('masks a GraphQL-shaped object without a code', () => {
    const odd = { message: 'stack trace here', extensions: {} };
    expect(mask(odd, odd).message).toBe('Unexpected error.');
  });

  it('lets graphql’s own validation errors through', () => {
    const error = new GraphQLError('Cannot query field "x" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(mask({ message: error.message, extensions: error.extensions }, error).message).toBe(error.message);
  });
});
