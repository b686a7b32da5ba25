import type { Actor } from '../../eventstore/port';

/** The back-office staff the seeder works cases as: caseworkers and a team leader per team. */
const CASEWORKERS = [
  'aisha.khan',
  'ben.hughes',
  'ceri.morgan',
  'dev.patel',
  'ewa.nowak',
  'fraser.mackay',
  'grace.okafor',
  'harry.wood',
  'isla.campbell',
  'jamal.ahmed',
  'kate.obrien',
  'liam.murphy',
];
const TEAM_LEADERS = [
  'morag.stewart',
  'nia.evans',
  'owen.price',
  'priya.shah',
  'rhys.thomas',
  'sian.jones',
];

export interface TeamStaff {
  caseworkers: Actor[];
  teamLeader: Actor;
}

/** Three caseworkers and a team leader for each team, the same every run. */
export const staffOf = (teamIndex: number): TeamStaff => ({
  caseworkers: [0, 1, 2].map((i) => ({
    id: CASEWORKERS[(teamIndex * 3 + i) % CASEWORKERS.length]!,
    role: 'caseworker',
  })),
  teamLeader: { id: TEAM_LEADERS[teamIndex % TEAM_LEADERS.length]!, role: 'team_leader' },
});
