/**
 * A field's value as text to show beside a translation: strings as they are, rich-text blocks as
 * their text (one paragraph a line), components as `name: value` lines.
 */
export const plainText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.every((item) => item && typeof item === 'object' && 'type' in item)) return value.map(blockText).filter(Boolean).join('\n');
    return value.map(plainText).filter(Boolean).join('\n');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([key, item]) => key !== 'id' && key !== '__component' && (typeof item !== 'object' || item === null || Array.isArray(item)))
      .map(([key, item]) => `${key}: ${plainText(item)}`)
      .join('\n');
  }
  return '';
};

const blockText = (node: unknown): string => {
  if (!node || typeof node !== 'object') return '';
  const value = node as { text?: unknown; children?: unknown[] };
  if (typeof value.text === 'string') return value.text;
  return (value.children ?? []).map(blockText).join('');
};
