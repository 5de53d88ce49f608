import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { toApiError } from './api-error.filter';

describe('toApiError', () => {
  it('keeps HttpExceptions with their status and message', () => {
    expect(toApiError(new NotFoundException('No account with id x'))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'No account with id x',
    });
    expect(toApiError(new BadRequestException(['limit must be ≤ 100', 'tz is unknown']))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'limit must be ≤ 100; tz is unknown',
    });
  });

  it('says plainly that a JSON body did not parse', () => {
    const parse = new SyntaxError("Expected property name or '}' in JSON at position 1");
    expect(toApiError(new BadRequestException(parse.message, { cause: parse })).message).toBe(
      `Request body is not valid JSON: ${parse.message}`,
    );
  });

  it('maps bad values reaching PostgreSQL to 400 and a lost database to 503, never leaking SQL', () => {
    const badValue = new QueryFailedError(
      'SELECT 1',
      [],
      Object.assign(new Error('invalid input syntax for type uuid: "x"'), { code: '22P02' }),
    );
    expect(toApiError(badValue)).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.not.stringContaining('uuid') });
    expect(toApiError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })).statusCode).toBe(503);
  });

  it('hides the details of unexpected errors behind a 500', () => {
    expect(toApiError(new Error('secret internals'))).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
    expect(toApiError(new HttpException('teapot', 418)).statusCode).toBe(418);
  });
});
