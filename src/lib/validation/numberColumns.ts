/**
 * What the columns Strapi 5.54.0 creates for its number types hold on PostgreSQL (`integer`,
 * `bigint`, `double precision`, `decimal(10, 2)`), which refuses any other value with an error that
 * names no field (a 500). SQLite stores any number in any of them, so both databases are held to these.
 */

type NumberValue = string | number;

const wholeNumberBetween =
  (min: bigint, max: bigint) =>
  (value: NumberValue): boolean => {
    const text = String(value).trim();
    return /^[+-]?\d+$/.test(text) && BigInt(text) >= min && BigInt(text) <= max;
  };

/** As Strapi's NumberField casts it: a number, or a text that is one once trimmed. */
export const finiteNumber = (value: NumberValue): boolean =>
  typeof value === 'number' ? Number.isFinite(value) : value.trim() !== '' && Number.isFinite(Number(value));

/** `integer` (and `serial`, the ids'). */
export const fitsInteger = wholeNumberBetween(-(2n ** 31n), 2n ** 31n - 1n);
export const INTEGER_RANGE = 'a whole number from -2147483648 to 2147483647';

/** `bigint`. */
export const fitsBigInteger = wholeNumberBetween(-(2n ** 63n), 2n ** 63n - 1n);
export const BIGINTEGER_RANGE = 'a whole number from -9223372036854775808 to 9223372036854775807';

/** `decimal(10, 2)`: eight digits before the point once the value is rounded to two after it. */
export const fitsDecimal = (value: NumberValue): boolean => finiteNumber(value) && Math.abs(Math.round(Number(value) * 100)) < 1e10;
export const DECIMAL_RANGE = 'a number from -99999999.99 to 99999999.99';
