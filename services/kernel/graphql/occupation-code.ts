import { occupationCodeProblem } from '../domain/occupations.js';
import { BadInput } from '../errors.js';

/** An occupation code argument, checked against the shipped classifier (BAD_USER_INPUT otherwise). */
export function parseOccupationCode(code: string, argument: string): string {
  const problem = occupationCodeProblem(code);
  if (problem) throw new BadInput(argument, problem);
  return code;
}
