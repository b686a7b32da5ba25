import type { z } from 'zod';
import { fieldErrorsOf, ValidationFailed } from '../../domain/errors';

/** Parses input, or throws ValidationFailed listing every problem with its field path. */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationFailed(fieldErrorsOf(result.error));
};
