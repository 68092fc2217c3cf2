import { blocksToMarkdown } from '../../../src/plugins/press-media/server/press-kit/blocksToMarkdown';

const text = (value: string, marks: Record<string, boolean> = {}) => ({ type: 'text', text: value, ...marks });

describe('blocksToMarkdown', () => {
  it.each<[string, unknown, string]>([
    ['a paragraph', [{ type: 'paragraph', children: [text('Bonjour.')] }], 'Bonjour.'],
    [
      'marks',
      [{ type: 'paragraph', children: [text('Très '), text('important', { bold: true }), text(' et '), text('doux', { italic: true })] }],
      'Très **important** et _doux_',
    ],
    [
      'a link',
      [{ type: 'paragraph', children: [text('Voir '), { type: 'link', url: 'https://diversidays.com', children: [text('le site')] }] }],
      'Voir [le site](https://diversidays.com)',
    ],
    ['a heading', [{ type: 'heading', level: 2, children: [text('Chiffres clés')] }], '## Chiffres clés'],
    [
      'lists',
      [
        {
          type: 'list',
          format: 'unordered',
          children: [
            { type: 'list-item', children: [text('un')] },
            { type: 'list-item', children: [text('deux')] },
          ],
        },
        { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [text('premier')] }] },
      ],
      '- un\n- deux\n\n1. premier',
    ],
    ['a quote', [{ type: 'quote', children: [text('Le talent est partout.')] }], '> Le talent est partout.'],
    ['an image', [{ type: 'image', image: { url: '/uploads/a.jpg', alternativeText: 'Atelier' } }], '![Atelier](/uploads/a.jpg)'],
    [
      'empty paragraphs are dropped',
      [
        { type: 'paragraph', children: [text('')] },
        { type: 'paragraph', children: [text('Fin.')] },
      ],
      'Fin.',
    ],
    ['no body', null, ''],
  ])('%s', (_label, blocks, expected) => {
    expect(blocksToMarkdown(blocks)).toBe(expected);
  });
});
