import { parse, type DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { productByUpc, products, reviewById, reviews, reviewsByAuthor, reviewsOfProduct, shippingEstimate, userById, users, type Review } from './data.ts';

export interface BenchSubgraph {
  readonly name: string;
  readonly typeDefs: DocumentNode;
  readonly resolvers: GraphQLResolverMap<unknown>;
}

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';
type Ref = Record<string, unknown>;

/** Users: who they are. */
const accounts: BenchSubgraph = {
  name: 'accounts',
  typeDefs: parse(`${link}
    type Query { me: User  user(id: ID!): User  users: [User] }
    type User @key(fields: "id") { id: ID!  name: String  username: String @shareable  birthday: Int }
  `),
  resolvers: {
    Query: { me: () => users[0], user: (_: unknown, args: { id: string }) => userById.get(args.id) ?? null, users: () => users },
    User: { __resolveReference: (ref: Ref) => userById.get(String(ref.id)) ?? null },
  },
};

/** Products: the catalogue and the top of it. */
const productsSubgraph: BenchSubgraph = {
  name: 'products',
  typeDefs: parse(`${link}
    type Query { topProducts(first: Int = 5): [Product] }
    type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }
  `),
  resolvers: {
    Query: { topProducts: (_: unknown, args: { first: number }) => products.slice(0, args.first) },
    Product: { __resolveReference: (ref: Ref) => productByUpc.get(String(ref.upc)) ?? null },
  },
};

/** Inventory: stock, and a shipping estimate that needs the price and weight products owns (`@requires`). */
const inventory: BenchSubgraph = {
  name: 'inventory',
  typeDefs: parse(`${link}
    type Product @key(fields: "upc") {
      upc: String!
      weight: Int @external
      price: Int @external
      inStock: Boolean
      shippingEstimate: Int @requires(fields: "price weight")
    }
  `),
  resolvers: {
    Product: {
      __resolveReference: (ref: Ref) => {
        const product = productByUpc.get(String(ref.upc));
        return product ? { upc: product.upc, inStock: product.inStock, price: ref.price, weight: ref.weight } : null;
      },
      shippingEstimate: (product: Ref) => (typeof product.price === 'number' && typeof product.weight === 'number' ? shippingEstimate(product.price, product.weight) : null),
    },
  },
};

/** Reviews: each review's author comes with the username it was written under (`@provides`). */
const reviewsSubgraph: BenchSubgraph = {
  name: 'reviews',
  typeDefs: parse(`${link}
    type Review @key(fields: "id") { id: ID!  body: String  author: User @provides(fields: "username")  product: Product }
    type User @key(fields: "id") { id: ID!  username: String @external  reviews: [Review] }
    type Product @key(fields: "upc") { upc: String!  reviews: [Review] }
  `),
  resolvers: {
    Review: {
      __resolveReference: (ref: Ref) => reviewById.get(String(ref.id)) ?? null,
      author: (review: Review) => {
        const author = userById.get(review.authorId);
        return author ? { id: author.id, username: author.username } : null;
      },
      product: (review: Review) => ({ upc: review.upc }),
    },
    User: { __resolveReference: (ref: Ref) => ({ id: ref.id }), reviews: (user: Ref) => reviewsByAuthor(String(user.id)) },
    Product: { __resolveReference: (ref: Ref) => ({ upc: ref.upc }), reviews: (product: Ref) => reviewsOfProduct(String(product.upc)) },
  },
};

export const benchSubgraphs: readonly BenchSubgraph[] = [accounts, productsSubgraph, inventory, reviewsSubgraph];
export { reviews };
