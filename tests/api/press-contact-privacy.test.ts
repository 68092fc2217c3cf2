import { publicGet, useServerWithEditor } from '../helpers/api';

describe('press contact details', () => {
  const app = useServerWithEditor();
  let contactId: string;
  let quotedId: string;

  beforeAll(async () => {
    const contact = await app.editor.create(
      'people',
      { name: 'Attachée de presse', isPressContact: true, email: 'presse@example.org', phone: '+33 5 61 00 00 00' },
      { locale: 'fr' }
    );
    const quoted = await app.editor.create(
      'people',
      { name: 'Personne citée', isPressContact: false, email: 'privee@example.org', phone: '+33 6 00 00 00 00' },
      { locale: 'fr' }
    );
    contactId = contact.body.data.documentId;
    quotedId = quoted.body.data.documentId;
    await app.editor.create(
      'articles',
      { title: 'Communiqué', kind: 'press-release', pressContacts: [contactId, quotedId] },
      { locale: 'fr' }
    );
  });

  it('shows email and phone of a press contact', async () => {
    const response = await publicGet(app.server, `people/${contactId}`, { locale: 'fr' });
    expect(response.body.data).toMatchObject({ email: 'presse@example.org', phone: '+33 5 61 00 00 00' });
  });

  it('hides them for anyone else, in lists and single reads', async () => {
    const single = await publicGet(app.server, `people/${quotedId}`, { locale: 'fr' });
    expect(single.body.data.name).toBe('Personne citée');
    expect(single.body.data).not.toHaveProperty('email');
    expect(single.body.data).not.toHaveProperty('phone');
    const list = await publicGet(app.server, 'people', { locale: 'fr', sort: 'name' });
    expect(JSON.stringify(list.body)).not.toContain('privee@example.org');
    expect(JSON.stringify(list.body)).toContain('presse@example.org');
  });

  it('hides them when the person is populated through a relation', async () => {
    const response = await publicGet(app.server, 'articles', { locale: 'fr', populate: 'pressContacts' });
    const contacts = response.body.data[0].pressContacts as Array<Record<string, unknown>>;
    expect(contacts).toHaveLength(2);
    expect(contacts.find((c) => c.name === 'Attachée de presse')).toMatchObject({ email: 'presse@example.org' });
    expect(contacts.find((c) => c.name === 'Personne citée')).not.toHaveProperty('email');
  });

  it('hides them when a client asks for the email field alone', async () => {
    const response = await publicGet(app.server, `people/${quotedId}`, { locale: 'fr', fields: ['email'] });
    expect(response.body.data).not.toHaveProperty('email');
  });
});
