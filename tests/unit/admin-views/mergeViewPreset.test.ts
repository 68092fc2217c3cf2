import {
  mergeViewPreset,
  presetFingerprint,
  type ViewConfiguration,
} from '../../../src/plugins/staff-admin/server/admin-views/mergeViewPreset';
import { row, type ViewPreset } from '../../../src/plugins/staff-admin/server/admin-views/viewPreset';

const stored = (): ViewConfiguration => ({
  settings: { bulkable: true, pageSize: 20, mainField: 'id', defaultSortBy: 'id', defaultSortOrder: 'ASC' },
  metadatas: {
    title: { edit: { label: 'title', description: '', visible: true, editable: true }, list: { label: 'title', sortable: true } },
    body: { edit: { label: 'body', description: '', visible: true, editable: true }, list: { label: 'body', sortable: false } },
    addedLater: { edit: { label: 'addedLater', visible: true }, list: { label: 'addedLater' } },
  },
  layouts: {
    list: ['id', 'title'],
    edit: [
      [{ name: 'body', size: 12 }],
      [
        { name: 'title', size: 6 },
        { name: 'addedLater', size: 6 },
      ],
    ],
  },
});

const preset: ViewPreset = {
  uid: 'api::thing.thing',
  mainField: 'title',
  defaultSortBy: 'updatedAt',
  defaultSortOrder: 'DESC',
  list: ['title', 'gone'],
  edit: [row(['title', 12]), row(['body', 12]), row(['gone', 6])],
  fields: {
    title: { label: 'Titre', description: 'Court.', listLabel: 'Le titre' },
    body: { label: 'Texte' },
    gone: { label: 'Supprimé' },
  },
};

describe('mergeViewPreset', () => {
  const merged = mergeViewPreset(stored(), preset);

  it('puts the preset order first and appends the fields it does not know', () => {
    expect(merged.layouts.edit).toEqual([[{ name: 'title', size: 12 }], [{ name: 'body', size: 12 }], [{ name: 'addedLater', size: 6 }]]);
  });

  it('drops fields the schema no longer has, from the form and the list', () => {
    expect(merged.layouts.edit.flat().map((f) => f.name)).not.toContain('gone');
    expect(merged.layouts.list).toEqual(['title']);
    expect(merged.metadatas).not.toHaveProperty('gone');
  });

  it('sets labels, help texts and list titles, keeping the other metadata', () => {
    expect(merged.metadatas.title).toEqual({
      edit: { label: 'Titre', description: 'Court.', visible: true, editable: true },
      list: { label: 'Le titre', sortable: true },
    });
    expect(merged.metadatas.body.edit.description).toBe('');
    expect(merged.metadatas.addedLater).toEqual(stored().metadatas.addedLater);
  });

  it('sets the main field and sort, keeping staff settings such as the page size', () => {
    expect(merged.settings).toEqual({
      bulkable: true,
      pageSize: 20,
      mainField: 'title',
      defaultSortBy: 'updatedAt',
      defaultSortOrder: 'DESC',
    });
  });

  it('is idempotent', () => {
    expect(mergeViewPreset(merged, preset)).toEqual(merged);
  });

  it('packs leftovers into rows of at most 12', () => {
    const many = mergeViewPreset(
      { ...stored(), layouts: { list: [], edit: [[{ name: 'addedLater', size: 8 }], [{ name: 'body', size: 8 }]] } },
      { ...preset, edit: [row(['title', 6])] }
    );
    expect(many.layouts.edit).toEqual([[{ name: 'title', size: 6 }], [{ name: 'addedLater', size: 8 }], [{ name: 'body', size: 8 }]]);
  });
});

describe('presetFingerprint', () => {
  it('is stable for the same preset and changes with it', () => {
    expect(presetFingerprint(preset)).toBe(presetFingerprint({ ...preset }));
    expect(presetFingerprint({ ...preset, list: ['title'] })).not.toBe(presetFingerprint(preset));
  });
});
