import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Jobs a project plans to fill in one occupation in one year.' })
export class PlannedJobs {
  @Field(() => String, { description: 'National occupation classifier (ISCO-08 based), 4-digit unit group.' })
  occupationCode!: string;

  @Field(() => Int, { description: 'The year the jobs are to be filled.' })
  year!: number;

  @Field(() => Int, { description: 'Jobs to fill that year.' })
  count!: number;

  @Field(() => Int, { description: 'Monthly salary the project offers for these jobs, tenge.' })
  monthlySalaryTenge!: number;
}
