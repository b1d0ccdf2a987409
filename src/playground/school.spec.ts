import { coordinatorOf, findPersona, personaById, personalConversationId, rosterEntry, SCHOOL, SCHOOLS, SECOND_SCHOOL, schoolOfConversation, schoolOfPersona } from './school';

describe('the playground school', () => {
  it('has one coordinator and a dozen colleagues in the four groups', () => {
    expect(coordinatorOf(SCHOOL).name).toBe('Els Van den Broeck');
    const staff = SCHOOL.personas.filter((p) => !p.coordinator);
    expect(staff).toHaveLength(12);
    const count = (g: string) => staff.filter((p) => p.group === g).length;
    expect([count('teacher'), count('leadership'), count('care-team'), count('support-staff')]).toEqual([7, 2, 2, 1]);
  });

  it('gives everyone unique ids and a stable personal conversation', () => {
    const ids = SCHOOL.personas.flatMap((p) => [p.key, p.teamsId, p.aadObjectId, p.email, personalConversationId(p)]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(SCHOOL.personas.map((p) => p.email)).toContain('els.vandenbroeck@deregenboog.example');
  });

  it('finds people by key, Teams id or Entra object id', () => {
    const bram = findPersona(SCHOOL, 'bram')!;
    expect(personaById(SCHOOL, bram.teamsId)).toBe(bram);
    expect(personaById(SCHOOL, bram.aadObjectId)).toBe(bram);
    expect(personaById(SCHOOL, 'nobody')).toBeUndefined();
    expect(rosterEntry(SCHOOL, bram)).toMatchObject({ id: bram.teamsId, aadObjectId: bram.aadObjectId, tenantId: 'playground', name: 'Bram Janssens' });
  });

  it('has a second school in the same tenant: its own team, channel, coordinator and people, no id shared with the first', () => {
    expect(SECOND_SCHOOL.tenantId).toBe(SCHOOL.tenantId);
    expect(SECOND_SCHOOL.team.id).not.toBe(SCHOOL.team.id);
    expect(coordinatorOf(SECOND_SCHOOL).name).toBe('Hilde Lambrechts');
    const ids = SCHOOLS.flatMap((s) => [s.key, s.team.id, s.team.aadGroupId, ...s.personas.flatMap((p) => [p.key, p.teamsId, p.aadObjectId, p.email, personalConversationId(p)])]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(schoolOfPersona(SCHOOLS, 'hilde')?.school).toBe(SECOND_SCHOOL);
    expect(schoolOfConversation(SCHOOLS, `${SECOND_SCHOOL.channel.id};messageid=1`)).toBe(SECOND_SCHOOL);
    expect(schoolOfConversation(SCHOOLS, 'a:pg-dm-hilde')).toBeUndefined();
  });
});
