import { GraphQLDate } from 'graphql-scalars';

/** ISO 8601 calendar date (YYYY-MM-DD); dates travel as strings end to end, never as JS Date. */
export const DateScalar = GraphQLDate;
