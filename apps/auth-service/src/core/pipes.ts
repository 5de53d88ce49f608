import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** A UUID path parameter; anything else is a 400 naming the parameter. */
export const uuidPipe = (name: string) => new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException(`${name} must be a UUID`) });

/** "true"/"1"/"false"/"0" or absent; anything else is a 400 naming the parameter. */
export function parseBool(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new BadRequestException(`${name} must be true or false`);
}
