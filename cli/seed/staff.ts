import type { CaseType } from '../../domain/case-type';
import type { StaffUser } from '../../api/auth/identity-store';
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

const displayName = (id: string) =>
  id
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ')
    .replace(/^Kate Obrien$/, "Kate O'Brien");

/**
 * Everyone the development identity provider can sign in as: each service's caseworkers
 * and team leaders with their teams, plus an auditor and an administrator.
 */
export const seededStaff = (caseTypes: readonly CaseType[]): StaffUser[] => {
  const people = new Map<string, StaffUser>();
  for (const caseType of caseTypes) {
    caseType.teams.forEach((team, index) => {
      const { caseworkers, teamLeader } = staffOf(index);
      for (const member of [...caseworkers, teamLeader]) {
        const person = people.get(member.id) ?? {
          id: member.id,
          name: displayName(member.id),
          role: member.role as StaffUser['role'],
          teams: [],
        };
        person.teams.push(team.id);
        people.set(member.id, person);
      }
    });
  }
  people.set('tom.fletcher', {
    id: 'tom.fletcher',
    name: 'Tom Fletcher',
    role: 'auditor',
    teams: [],
  });
  people.set('ruth.baxter', { id: 'ruth.baxter', name: 'Ruth Baxter', role: 'admin', teams: [] });
  return [...people.values()];
};
