import { buildSchema, execute, parse, type ExecutionResult } from 'graphql';
import { productByUpc, products, reviewsByAuthor, reviewsOfProduct, shippingEstimate, userById, users, type Product, type Review, type User } from './data.ts';

/**
 * The workload's graph as one plain schema over all the data at once: what a correct
 * federation gateway must answer, computed without any gateway or subgraph.
 */
const schema = buildSchema(`
  type Query { me: User  user(id: ID!): User  users: [User]  topProducts(first: Int = 5): [Product] }
  type User { id: ID!  name: String  username: String  birthday: Int  reviews: [Review] }
  type Product { upc: String!  name: String  price: Int  weight: Int  inStock: Boolean  shippingEstimate: Int  reviews: [Review] }
  type Review { id: ID!  body: String  author: User  product: Product }
`);

const root = {
  me: () => users[0],
  user: (args: { id: string }) => userById.get(args.id) ?? null,
  users: () => users,
  topProducts: (args: { first: number }) => products.slice(0, args.first),
};

const fieldResolver = (source: unknown, args: Record<string, unknown>, _context: unknown, info: { parentType: { name: string }; fieldName: string }): unknown => {
  const key = `${info.parentType.name}.${info.fieldName}`;
  switch (key) {
    case 'Query.me':
    case 'Query.user':
    case 'Query.users':
    case 'Query.topProducts':
      return root[info.fieldName as keyof typeof root](args as never);
    case 'User.reviews':
      return reviewsByAuthor((source as User).id);
    case 'Product.reviews':
      return reviewsOfProduct((source as Product).upc);
    case 'Product.shippingEstimate':
      return shippingEstimate((source as Product).price, (source as Product).weight);
    case 'Review.author':
      return userById.get((source as Review).authorId) ?? null;
    case 'Review.product':
      return productByUpc.get((source as Review).upc) ?? null;
    default:
      return (source as Record<string, unknown>)[info.fieldName];
  }
};

/** The correct answer to `query` with `variables`, from the data. */
export function expectedAnswer(query: string, variables: Record<string, unknown> = {}): ExecutionResult {
  const result = execute({ schema, document: parse(query), variableValues: variables, fieldResolver });
  if (result instanceof Promise) throw new Error('the reference schema resolves synchronously');
  return JSON.parse(JSON.stringify(result)) as ExecutionResult;
}
