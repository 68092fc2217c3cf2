/** Every `documentId` in a JSON value, in the order a walk of it meets them: the document itself, and every related one it populates. */
export const documentIdsIn = (value: unknown, found: Set<string> = new Set()): Set<string> => {
  if (Array.isArray(value)) value.forEach((item) => documentIdsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'documentId' && typeof item === 'string') found.add(item);
      else documentIdsIn(item, found);
    }
  }
  return found;
};
