import { parse } from 'graphql';
import type { BenchSubgraph } from '../../bench/gateway/subgraphs.ts';

/**
 * A small media graph exercising what a federation gateway must get right beyond the
 * bench workload: an entity interface across subgraphs (`Media`), a union spanning
 * subgraphs (`SearchResult`), `@interfaceObject` (ratings sees only `Media`), `@override`
 * (shop took `Book.price` from catalog, whose stale value must never show),
 * `@requires` (`readingHours` needs catalog's `pages`) and `@provides` (catalog's
 * `Book.author` carries the author's name).
 */
const link = (imports: string) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [${imports}])`;
type Ref = Record<string, unknown>;

interface Book { id: string; title: string; pages: number; stalePrice: number; price: number; authorId: string; stars: number }
interface Movie { id: string; title: string; minutes: number; stars: number }
interface Author { id: string; name: string; born: number }

const books: Book[] = [
  { id: 'b1', title: 'Dune', pages: 412, stalePrice: 1, price: 1099, authorId: 'a1', stars: 5 },
  { id: 'b2', title: 'Emma', pages: 474, stalePrice: 1, price: 799, authorId: 'a2', stars: 4 },
];
const movies: Movie[] = [{ id: 'm1', title: 'Alien', minutes: 117, stars: 5 }];
const authors: Author[] = [
  { id: 'a1', name: 'Frank Herbert', born: 1920 },
  { id: 'a2', name: 'Jane Austen', born: 1775 },
];
const mediaById = new Map<string, (Book & { kind: 'Book' }) | (Movie & { kind: 'Movie' })>([
  ...books.map((book) => [book.id, { ...book, kind: 'Book' as const }] as const),
  ...movies.map((movie) => [movie.id, { ...movie, kind: 'Movie' as const }] as const),
]);
const authorById = new Map(authors.map((author) => [author.id, author]));
const bookById = new Map(books.map((book) => [book.id, book]));

const catalog: BenchSubgraph = {
  name: 'catalog',
  typeDefs: parse(`${link('"@key", "@external", "@provides"')}
    type Query { media(id: ID!): Media  medias: [Media!]!  search(term: String!): [SearchResult!]! }
    interface Media @key(fields: "id") { id: ID!  title: String! }
    type Book implements Media @key(fields: "id") { id: ID!  title: String!  pages: Int!  price: Int  author: Author @provides(fields: "name") }
    type Movie implements Media @key(fields: "id") { id: ID!  title: String!  minutes: Int! }
    type Author @key(fields: "id") { id: ID!  name: String @external }
    union SearchResult = Book | Movie | Author
  `),
  resolvers: {
    Query: {
      media: (_: unknown, args: { id: string }) => mediaById.get(args.id) ?? null,
      medias: () => [...mediaById.values()],
      search: (_: unknown, args: { term: string }) =>
        [...mediaById.values(), ...authors.map((author) => ({ ...author, kind: 'Author' }))].filter((item) => ('title' in item ? item.title : item.name).toLowerCase().includes(args.term.toLowerCase())),
    },
    Media: { __resolveType: (media: Ref) => media.kind, __resolveReference: (ref: Ref) => mediaById.get(String(ref.id)) ?? null },
    SearchResult: { __resolveType: (item: Ref) => item.kind },
    Book: {
      __resolveReference: (ref: Ref) => mediaById.get(String(ref.id)) ?? null,
      price: (book: Book) => book.stalePrice,
      author: (book: Book) => {
        const author = authorById.get(book.authorId);
        return author ? { id: author.id, name: author.name } : null;
      },
    },
    Movie: { __resolveReference: (ref: Ref) => mediaById.get(String(ref.id)) ?? null },
  },
};

const ratings: BenchSubgraph = {
  name: 'ratings',
  typeDefs: parse(`${link('"@key", "@interfaceObject"')}
    type Query { topRated(minStars: Int!): [Media!]! }
    type Media @key(fields: "id") @interfaceObject { id: ID!  stars: Int! }
  `),
  resolvers: {
    Query: { topRated: (_: unknown, args: { minStars: number }) => [...mediaById.values()].filter((media) => media.stars >= args.minStars).map((media) => ({ id: media.id })) },
    Media: { __resolveReference: (ref: Ref) => ({ id: ref.id }), stars: (media: Ref) => mediaById.get(String(media.id))?.stars ?? null },
  },
};

const shop: BenchSubgraph = {
  name: 'shop',
  typeDefs: parse(`${link('"@key", "@shareable", "@external", "@requires", "@override"')}
    type Query { bestseller: Book  authors: [Author!]! }
    type Book @key(fields: "id") { id: ID!  price: Int @override(from: "catalog")  pages: Int! @external  readingHours: Int! @requires(fields: "pages") }
    type Author @key(fields: "id") { id: ID!  name: String @shareable  born: Int! }
  `),
  resolvers: {
    Query: { bestseller: () => ({ id: 'b1' }), authors: () => authors },
    Book: {
      __resolveReference: (ref: Ref) => ({ ...ref }),
      price: (book: Ref) => bookById.get(String(book.id))?.price ?? null,
      readingHours: (book: Ref) => Math.ceil(Number(book.pages) / 40),
    },
    Author: { __resolveReference: (ref: Ref) => authorById.get(String(ref.id)) ?? null },
  },
};

export const compatSubgraphs: readonly BenchSubgraph[] = [catalog, ratings, shop];

/** Operations over that graph, with what each exercises. */
export const compatOperations: ReadonlyArray<{ readonly name: string; readonly query: string; readonly variables?: Record<string, unknown> }> = [
  {
    name: 'entity interface across subgraphs, @override, @requires, @provides',
    query: `{ medias { __typename id title stars ... on Book { pages price readingHours author { id name born } } ... on Movie { minutes } } }`,
  },
  {
    name: 'union whose members live in several subgraphs',
    query: `query Search($term: String!) { search(term: $term) { __typename ... on Book { title price } ... on Movie { title stars } ... on Author { name born } } }`,
    variables: { term: 'e' },
  },
  { name: '@interfaceObject: ratings knows Media only; the gateway finds each concrete type', query: `{ topRated(minStars: 5) { __typename id title stars ... on Book { price } ... on Movie { minutes } } }` },
  { name: 'an entity from shop completed by catalog (@requires pages)', query: `{ bestseller { id title pages price readingHours author { name } } }` },
  { name: 'an interface field by variable, a miss answered null', query: `query One($id: ID!, $none: ID!) { hit: media(id: $id) { title ... on Book { price } } miss: media(id: $none) { title } }`, variables: { id: 'b2', none: 'nothing' } },
  { name: 'shareable field from the owner, aliases', query: `{ authors { id fullName: name born } }` },
];
