import { graphqlEnum, type EnumValue } from '../../kernel/graphql/enum.js';

export const ApplicationStatus = graphqlEnum('ApplicationStatus', ['PENDING', 'ACCEPTED', 'REJECTED'], 'Where an application stands.');
export type ApplicationStatus = EnumValue<typeof ApplicationStatus>;

export const ResettlementRole = graphqlEnum(
  'ResettlementRole',
  ['DONOR', 'RECIPIENT', 'NEUTRAL'],
  'RECIPIENT: a labour-deficit region with a resettlement quota (confirmed); DONOR: a labour-surplus region families move from (model: the 2017 programme mapped to today’s regions); NEUTRAL: neither.',
);
export type ResettlementRole = EnumValue<typeof ResettlementRole>;

export const Decision = graphqlEnum(
  'Decision',
  ['ACCEPT', 'REJECT'],
  "An officer's decision on a pending application. REJECT needs a reason; ACCEPT needs a free family in the zone's quota.",
);
export type Decision = EnumValue<typeof Decision>;
