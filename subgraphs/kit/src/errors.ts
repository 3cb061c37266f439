import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-code.ts';

const httpStatus: Record<ErrorCode, number | undefined> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: undefined,
  BAD_USER_INPUT: undefined,
  NOT_FOUND: undefined,
  INTERNAL_SERVER_ERROR: undefined,
};

/** The one error class a resolver throws; its code reaches the client unmasked. */
export class CodedError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    const status = httpStatus[code];
    super(message, { extensions: { ...extensions, code, ...(status ? { http: { status } } : {}) } });
    this.name = 'CodedError';
  }
}

export const unauthenticated = (message = 'Sign in to do this.') => new CodedError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You may not do this.') => new CodedError(ErrorCode.FORBIDDEN, message);
export const badUserInput = (message: string, extensions?: Record<string, unknown>) =>
  new CodedError(ErrorCode.BAD_USER_INPUT, message, extensions);
