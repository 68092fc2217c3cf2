/** Strapi's rich text ("blocks") as plain Markdown, for the release text of the press kit. */
type Inline = { type: string; text?: string; url?: string; bold?: boolean; italic?: boolean; code?: boolean; children?: Inline[] };
export type Block = {
  type: string;
  level?: number;
  format?: 'ordered' | 'unordered';
  language?: string;
  image?: { url?: string; alternativeText?: string | null };
  children?: Array<Inline | Block>;
};

const inline = (nodes: Inline[] = []): string =>
  nodes
    .map((node) => {
      if (node.type === 'link') return `[${inline(node.children)}](${node.url ?? ''})`;
      if (node.type !== 'text') return inline(node.children);
      let text = node.text ?? '';
      if (!text.trim()) return text;
      if (node.code) text = `\`${text}\``;
      if (node.bold) text = `**${text}**`;
      if (node.italic) text = `_${text}_`;
      return text;
    })
    .join('');

const listItems = (block: Block): string =>
  (block.children ?? [])
    .map((item, index) => `${block.format === 'ordered' ? `${index + 1}.` : '-'} ${inline((item as Block).children as Inline[])}`)
    .join('\n');

const blockToMarkdown = (block: Block): string => {
  const text = () => inline(block.children);
  switch (block.type) {
    case 'heading':
      return `${'#'.repeat(Math.min(Math.max(block.level ?? 2, 1), 6))} ${text()}`;
    case 'list':
      return listItems(block);
    case 'quote':
      return text()
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'code':
      return `\`\`\`${block.language ?? ''}\n${text()}\n\`\`\``;
    case 'image':
      return `![${block.image?.alternativeText ?? ''}](${block.image?.url ?? ''})`;
    default:
      return text();
  }
};

export const blocksToMarkdown = (blocks: unknown): string =>
  Array.isArray(blocks)
    ? (blocks as Block[])
        .map(blockToMarkdown)
        .filter((paragraph) => paragraph.trim().length > 0)
        .join('\n\n')
    : '';
