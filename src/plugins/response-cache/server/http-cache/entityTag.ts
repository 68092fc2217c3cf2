import { createXXHash128, type IHasher } from 'hash-wasm';

/**
 * An answer's ETag: XXH3-128 of its bytes, in base64url. The tag only has to change when the bytes
 * do, and nobody gains by forging a collision (the content is the staff's, the tag is not a secret),
 * so it needs no cryptographic hash: SHA-256 over a list page's 182 KB took about 120 µs, a tenth of
 * the page's CPU, where this takes about 35 µs (hash-wasm's WebAssembly; 128 bits, so two answers
 * of one address never share a tag by chance).
 */
let hasher: IHasher | undefined;

/** Loads the hash's WebAssembly (asynchronous, once); the plugin's register awaits it before any answer. */
export const loadEntityTagHash = async (): Promise<void> => {
  hasher ??= await createXXHash128();
};

/** The strong ETag of an answer's bytes (a string is hashed as its UTF-8 bytes, as it is sent). */
export const entityTagOf = (payload: string | Uint8Array): string => {
  if (!hasher) throw new Error('entityTagOf was called before loadEntityTagHash');
  // One hasher, used start to end with no await between: requests cannot interleave in it.
  hasher.init();
  hasher.update(payload);
  return `"${Buffer.from(hasher.digest('binary')).toString('base64url')}"`;
};
