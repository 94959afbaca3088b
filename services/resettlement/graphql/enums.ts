import { registerEnumType } from 'type-graphql';

export enum ApplicationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}

registerEnumType(ApplicationStatus, { name: 'ApplicationStatus', description: 'Where an application stands.' });

export enum ResettlementRole {
  DONOR = 'DONOR',
  RECIPIENT = 'RECIPIENT',
  NEUTRAL = 'NEUTRAL',
}

registerEnumType(ResettlementRole, {
  name: 'ResettlementRole',
  description:
    'RECIPIENT: a labour-deficit region with a resettlement quota (confirmed); DONOR: a labour-surplus region ' +
    'families move from (model: the 2017 programme mapped to today’s regions); NEUTRAL: neither.',
});

export enum Decision {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
}

registerEnumType(Decision, {
  name: 'Decision',
  description: "An officer's decision on a pending application. REJECT needs a reason; ACCEPT needs a free family in the zone's quota.",
});
