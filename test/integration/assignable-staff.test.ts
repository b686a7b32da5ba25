import { rememberingStaff } from '../../api/auth/staff-directory';
import type { Principal } from '../../api/auth/roles';
import { openTestApi, type TestApi } from '../support/api';

/**
 * Team leaders assign cases to a person they choose from a list: the caseworkers and
 * team leaders who work every one of the cases' teams. With an OIDC provider, staff join
 * that list as they sign in.
 */
describe('whom cases can be assigned to', () => {
  let api: TestApi;
  let leader = '';
  const ask = async (teams: string[], token = leader) =>
    api.graphql(
      token,
      'query ($teams: [String!]!) { assignableStaff(teams: $teams) { id role } }',
      {
        teams,
      },
    );

  beforeAll(async () => {
    api = await openTestApi('assignable');
    leader = await api.staffToken({
      id: 'lena.leader',
      name: 'Lena Leader',
      role: 'team_leader',
      teams: ['carer-claims', 'student-carers'],
    });
    const people = [
      ['cara.claims', 'Cara Claims', 'caseworker', ['carer-claims']],
      ['bo.both', 'Bo Both', 'caseworker', ['carer-claims', 'student-carers']],
      ['sam.students', 'Sam Students', 'caseworker', ['student-carers']],
      ['avery.auditor', 'Avery Auditor', 'auditor', ['carer-claims']],
      ['ada.admin', 'Ada Admin', 'admin', ['carer-claims']],
    ] as const;
    for (const [id, name, role, teams] of people) {
      await api.identity.saveStaffUser({ id, name, role, teams: [...teams] });
    }
  });
  afterAll(async () => api.close());

  it('lists the caseworkers and team leaders of a team, by name', async () => {
    const { data } = await ask(['carer-claims']);
    expect(data!.assignableStaff).toEqual([
      { id: 'bo.both', role: 'caseworker' },
      { id: 'cara.claims', role: 'caseworker' },
      { id: 'lena.leader', role: 'team_leader' },
    ]);
  });

  it('lists only those who work every team asked about', async () => {
    const { data } = await ask(['carer-claims', 'student-carers']);
    expect(data!.assignableStaff).toEqual([
      { id: 'bo.both', role: 'caseworker' },
      { id: 'lena.leader', role: 'team_leader' },
    ]);
  });

  it("refuses another team's staff to a team leader, and a question without a team", async () => {
    const other = await ask(['waste-carrier-registrations']);
    expect(other.errors![0]!.extensions.code).toBe('FORBIDDEN');
    const none = await ask([]);
    expect(none.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path: ['teams'], message: 'Give between 1 and 20 teams' }],
    });
  });

  it('adds staff signed in by the provider to the list, and follows changes to what they do', async () => {
    const principal: Principal = {
      kind: 'staff',
      id: 'olu.oidc',
      name: 'Olu Oidc',
      role: 'caseworker',
      teams: ['carer-claims'],
      scopes: [],
    };
    const saves: string[] = [];
    const identity = Object.assign(Object.create(api.identity) as typeof api.identity, {
      saveStaffUser: async (user: Parameters<typeof api.identity.saveStaffUser>[0]) => {
        saves.push(user.id);
        await api.identity.saveStaffUser(user);
      },
    });
    const tokens = rememberingStaff({ verify: async () => principal }, identity);
    await tokens.verify('first');
    await tokens.verify('again');
    expect(saves).toEqual(['olu.oidc']);
    expect((await ask(['carer-claims'])).data!.assignableStaff).toContainEqual({
      id: 'olu.oidc',
      role: 'caseworker',
    });

    principal.teams = ['student-carers'];
    await tokens.verify('moved');
    expect(saves).toEqual(['olu.oidc', 'olu.oidc']);
    expect((await ask(['carer-claims'])).data!.assignableStaff).not.toContainEqual({
      id: 'olu.oidc',
      role: 'caseworker',
    });
  });
});
