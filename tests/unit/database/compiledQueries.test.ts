import fc from 'fast-check';
import knex, { type Knex } from 'knex';
import { compiledQuery, compiledQueryChecks, type QueryParams } from '../../../src/lib/database/compiledQueries';
import { createTestDatabase, POSTGRES_URL } from '../../helpers/postgres';

type Item = { id: number; kind: string; hidden_until: number | null; published_at: number; label: string };

const KINDS = ['news', 'release', 'coverage', 'event'];
const ITEMS: Item[] = Array.from({ length: 60 }, (_, n) => ({
  id: n + 1,
  kind: KINDS[n % KINDS.length],
  hidden_until: n % 7 === 0 ? 1_000 + n * 10 : null,
  published_at: 500 + ((n * 37) % 50) * 10,
  label: `item ${n} ?`,
}));

/**
 * A read shaped like the read model's (lib/database/compiledQueries.ts's users): a visibility
 * predicate, an optional list filter, two ordered and limited reads in a union, a CTE joined to a row
 * with an `exists` subquery holding a constant.
 */
const itemsRead = (connection: Knex, filtered: boolean) => (params: QueryParams) => {
  const visible = () =>
    connection('items')
      .where((q) => {
        void q.whereNull('hidden_until').orWhere('hidden_until', '<=', params.instant as number);
      })
      .modify((q) => {
        if (filtered) void q.whereIn('kind', params.kinds as string[]);
      });
  const [first, ...others] = (['published_at', 'hidden_until'] as const).map((column) =>
    connection.select('*').from(
      visible()
        .select('id', 'label', 'published_at')
        .whereNotNull(column)
        .orderBy([
          { column, order: 'desc' },
          { column: 'id', order: 'asc' },
        ])
        .limit(params.limit as number)
        .as(`by_${column}`)
    )
  );
  return connection('state')
    .select('state.generation', connection.raw('exists ? as any_item', [connection('items').select('id').limit(1)]))
    .where('state.id', 1)
    .withMaterialized('found', first.unionAll(others))
    .select('found.*')
    .joinRaw('left join ?? on 1 = 1', ['found'])
    .orderBy('found.published_at', 'desc')
    .orderBy('found.id', 'asc');
};

const databases: Array<[string, () => Promise<{ connection: Knex; drop: () => Promise<void> }>]> = [
  [
    'SQLite',
    () =>
      Promise.resolve({
        connection: knex({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true }),
        drop: () => Promise.resolve(),
      }),
  ],
  ...(POSTGRES_URL
    ? ([
        [
          'PostgreSQL',
          async () => {
            const database = await createTestDatabase();
            return { connection: knex({ client: 'pg', connection: database.url }), drop: () => database.drop() };
          },
        ],
      ] satisfies Array<[string, () => Promise<{ connection: Knex; drop: () => Promise<void> }>]>)
    : []),
];

describe.each(databases)('compiledQuery, on %s', (_name, open) => {
  let connection: Knex;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ connection, drop } = await open());
    await connection.schema.createTable('items', (table) => {
      table.integer('id').primary();
      table.string('kind');
      table.bigInteger('hidden_until').nullable();
      table.bigInteger('published_at');
      table.string('label');
    });
    await connection.schema.createTable('state', (table) => {
      table.integer('id').primary();
      table.integer('generation');
    });
    await connection('items').insert(ITEMS);
    await connection('state').insert({ id: 1, generation: 7 });
  });
  afterAll(async () => {
    await connection.destroy();
    await drop();
  });

  const params = fc.record({
    instant: fc.integer({ min: 0, max: 2_000 }),
    limit: fc.integer({ min: 1, max: 25 }),
    kinds: fc.uniqueArray(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 4 }),
  });

  it('answers what the query built with the values answers, bound to any values (production: bound only)', async () => {
    await fc.assert(
      fc.asyncProperty(params, fc.boolean(), async ({ instant, limit, kinds }, filtered) => {
        const values: QueryParams = filtered ? { instant, limit, kinds } : { instant, limit };
        const build = itemsRead(connection, filtered);
        const expected = await build(values);
        const compiled = await compiledQuery(
          connection,
          `items${filtered ? ' of some kinds' : ''}`,
          values,
          build,
          compiledQueryChecks('production')
        );
        expect(compiled).toEqual(expected);
      }),
      { numRuns: 150 }
    );
  });

  it('outside production, throws when the shape does not name something the statement depends on', async () => {
    const values = { instant: 1_500, limit: 5, kinds: ['news'] };
    // The filter's presence changes the statement: a shape that leaves it out is caught at its next use.
    const checked = compiledQueryChecks('test');
    await compiledQuery(connection, 'items, filter left out of the shape', values, itemsRead(connection, true), checked);
    await expect(
      compiledQuery(connection, 'items, filter left out of the shape', values, itemsRead(connection, false), checked)
    ).rejects.toThrow(/does not determine its statement/);
  });

  it('refuses a statement whose text holds a question mark of its own', async () => {
    await expect(
      compiledQuery(
        connection,
        'a literal question mark',
        { limit: 1 },
        (p) =>
          connection('items')
            .select(connection.raw("'why?' as question"))
            .limit(p.limit as number),
        compiledQueryChecks('production')
      )
    ).rejects.toThrow(/question marks of its own/);
  });
});
