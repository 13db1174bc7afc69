import type { ServiceState } from '@socplan/contracts';
import { describe, expect, it } from 'vitest';
import { changesOf, draftOf } from './service-edit.ts';

const state: ServiceState = {
  id: 's1',
  validFrom: '2024-01-01',
  validTo: null,
  typeCode: '49',
  name: 'Domov Pod Ještědem',
  status: 'active',
  registeredFrom: '2008-07-01',
  registeredTo: null,
  forms: [{ form: 'pob', capacities: [{ unit: 'luzka', count: 40 }] }],
  targetGroups: ['seniori'],
  ageGroups: ['65-80', '80+'],
  territoryUnitIds: ['orp-liberec'],
  fteDirect: 22.5,
  fteOther: null,
  email: 'domov@example.test',
  phone: null,
  web: null,
  changeNote: null,
  createdAt: '2024-01-01T00:00:00Z',
};

describe('service edit', () => {
  it('sends nothing when nothing changed, whatever order the groups come in', () => {
    const draft = draftOf(state, '2026-03-01');
    draft.ageGroups = ['80+', '65-80'];
    draft.fteDirect = '22,5';

    expect(changesOf(state, draft)).toEqual({ body: null, errors: {} });
  });

  it('dates a change of capacity from the effective day and carries the note', () => {
    const draft = draftOf(state, '2026-03-01');
    draft.forms[0]!.capacities[0]!.count = '44';
    draft.changeNote = '  rozšíření kapacity ';

    expect(changesOf(state, draft).body).toEqual({
      forms: [{ form: 'pob', capacities: [{ unit: 'luzka', count: 44 }] }],
      effectiveFrom: '2026-03-01',
      changeNote: 'rozšíření kapacity',
    });
  });

  it('corrects name and contacts in place, without an effective day', () => {
    const draft = draftOf(state, '2026-03-01');
    draft.name = 'Domov pod Ještědem';
    draft.email = '';
    draft.phone = ' +420 485 000 000 ';

    expect(changesOf(state, draft).body).toEqual({
      name: 'Domov pod Ještědem',
      email: null,
      phone: '+420 485 000 000',
    });
  });

  it('reports fields it cannot send instead of a body', () => {
    const draft = draftOf(state, '');
    draft.fteOther = 'hodně';
    draft.forms.push({ form: 'ter', capacities: [{ unit: '', count: '3' }] });
    draft.name = ' ';

    expect(changesOf(state, draft)).toEqual({
      body: null,
      errors: { name: 'required', forms: 'invalid', fteOther: 'invalid' },
    });

    const dated = draftOf(state, '');
    dated.status = 'suspended';
    expect(changesOf(state, dated)).toEqual({ body: null, errors: { effectiveFrom: 'required' } });
  });
});
