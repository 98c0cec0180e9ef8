import { BadRequestException, NotFoundException } from '@nestjs/common';
import { conflict, ruleViolation } from './domain-error';
import { ProblemDetailsFilter } from './problem-details.filter';
import { InvalidRequestException } from './validation';

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter();

  it('maps each domain error kind to its status, with the stable code', () => {
    expect(filter.toProblem(ruleViolation('MEASURE_IN_FORCE', 'Embargo in force'))).toMatchObject({ status: 422, code: 'MEASURE_IN_FORCE', detail: 'Embargo in force' });
    expect(filter.toProblem(conflict('ALREADY_CONFIRMED', 'Twice'))).toMatchObject({ status: 409, code: 'ALREADY_CONFIRMED' });
  });

  it('lets details extend a problem but never override its standard members', () => {
    const problem = filter.toProblem(conflict('NOT_ALLOWED_IN_THIS_STATE', 'No', { status: 'VOIDED', detail: 'x', currentStatus: 'VOIDED' }));
    expect(problem).toMatchObject({ status: 409, detail: 'No', currentStatus: 'VOIDED' });
  });

  it('lists every invalid field of a request', () => {
    const problem = filter.toProblem(new InvalidRequestException([{ field: 'carats', message: 'carats must be positive' }]));
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'carats', message: 'carats must be positive' }] });
  });

  it('keeps HTTP exceptions and hides unexpected errors behind a 500 without internals', () => {
    expect(filter.toProblem(new NotFoundException('nothing here'))).toMatchObject({ status: 404, detail: 'nothing here' });
    expect(filter.toProblem(new BadRequestException(['a', 'b']))).toMatchObject({ status: 400, detail: 'a; b' });
    const hidden = filter.toProblem(new Error('connection string postgres://secret'));
    expect(hidden).toEqual({ type: 'about:blank', title: 'Internal error', status: 500, detail: 'An unexpected error occurred.' });
  });
});
