import { isRecord } from '../../../../lib/validation/isRecord';

/**
 * The readable text of a field: strings, rich-text blocks (their text nodes, inline pieces joined as
 * written) and components (their strings, recursively). Keys that hold machinery rather than prose
 * are left out.
 */
const SKIPPED_KEYS = new Set([
  'id',
  'documentId',
  '__component',
  'url',
  'href',
  'locale',
  'type',
  'format',
  'mime',
  'hash',
  'ext',
  'provider',
  'language',
]);

/** A rich-text node: `{ type: 'paragraph', children: [...] }` or `{ type: 'text', text }`. */
const inlineText = (node: unknown): string => {
  if (!isRecord(node)) return '';
  if (node.type === 'text' && typeof node.text === 'string') return node.text;
  return Array.isArray(node.children) ? node.children.map(inlineText).join('') : '';
};

const isBlock = (node: unknown): boolean => isRecord(node) && typeof node.type === 'string' && Array.isArray(node.children);

export const extractText = (value: unknown): string => {
  const parts: string[] = [];
  const visit = (node: unknown, key?: string) => {
    if (typeof node === 'string') {
      if (!key || !SKIPPED_KEYS.has(key)) parts.push(node);
    } else if (Array.isArray(node)) {
      for (const item of node) {
        if (isBlock(item)) {
          // Lists nest their items as blocks; each item is its own line.
          const children = (item as { children: unknown[] }).children;
          if (children.some(isBlock)) visit(children);
          else parts.push(inlineText(item));
        } else visit(item);
      }
    } else if (isRecord(node)) {
      for (const [childKey, child] of Object.entries(node)) visit(child, childKey);
    }
  };
  visit(value);
  return parts
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
};
