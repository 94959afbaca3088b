import { graphqlEnums, type EnumValue } from '../../kernel/graphql/enum.js';

export type ApplicationStatus = EnumValue<typeof ApplicationStatus>;
export type ResettlementRole = EnumValue<typeof ResettlementRole>;
export type Decision = EnumValue<typeof Decision>;
export const { ApplicationStatus, ResettlementRole, Decision } = graphqlEnums({
  ApplicationStatus: { values: ['PENDING', 'ACCEPTED', 'REJECTED'], description: 'Where an application stands.' },
  ResettlementRole: {
    values: ['DONOR', 'RECIPIENT', 'NEUTRAL'],
    description: 'RECIPIENT: a labour-deficit region with a resettlement quota (confirmed); DONOR: a labour-surplus region families move from (model: the 2017 programme mapped to today’s regions); NEUTRAL: neither.',
  },
  Decision: {
    values: ['ACCEPT', 'REJECT'],
    description: "An officer's decision on a pending application. REJECT needs a reason; ACCEPT needs a free family in the zone's quota.",
  },
});
