/**
 * The static data of the standard federation workload: six users, nine products, eleven
 * reviews. Each subgraph serves its slice of it; the reference answer is computed from
 * all of it at once (expected.ts), never from a gateway.
 */
export interface User {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly birthday: number;
}

export interface Product {
  readonly upc: string;
  readonly name: string;
  readonly price: number;
  readonly weight: number;
  readonly inStock: boolean;
}

export interface Review {
  readonly id: string;
  readonly body: string;
  readonly authorId: string;
  readonly upc: string;
}

export const users: readonly User[] = [
  { id: '1', name: 'Ada Lovelace', username: 'ada', birthday: 1815 },
  { id: '2', name: 'Alan Turing', username: 'alan', birthday: 1912 },
  { id: '3', name: 'Grace Hopper', username: 'grace', birthday: 1906 },
  { id: '4', name: 'Edsger Dijkstra', username: 'edsger', birthday: 1930 },
  { id: '5', name: 'Barbara Liskov', username: 'barbara', birthday: 1939 },
  { id: '6', name: 'Donald Knuth', username: 'donald', birthday: 1938 },
];

export const products: readonly Product[] = [
  { upc: '1', name: 'Table', price: 899, weight: 100, inStock: true },
  { upc: '2', name: 'Couch', price: 1299, weight: 1000, inStock: false },
  { upc: '3', name: 'Glass', price: 15, weight: 20, inStock: false },
  { upc: '4', name: 'Chair', price: 499, weight: 100, inStock: false },
  { upc: '5', name: 'TV', price: 1299, weight: 1000, inStock: true },
  { upc: '6', name: 'Lamp', price: 6999, weight: 300, inStock: true },
  { upc: '7', name: 'Grill', price: 3999, weight: 2000, inStock: true },
  { upc: '8', name: 'Fridge', price: 100000, weight: 6000, inStock: false },
  { upc: '9', name: 'Sofa', price: 9999, weight: 800, inStock: true },
];

const lorem = [
  'Sturdy, plain and exactly as described; it arrived a day early and went together in ten minutes.',
  'The finish scratched within a week. Support answered quickly and sent a replacement part without fuss.',
  'Bought two. One is perfect, the other wobbles a little on our uneven floor; felt pads fixed it.',
  'Good value for the price, though the colour is darker than the photographs suggest.',
  'Heavier than expected and very solid. Would buy again, and already recommended it to a neighbour who needed one.',
];

export const reviews: readonly Review[] = [
  { id: '1', authorId: '1', upc: '1' },
  { id: '2', authorId: '2', upc: '1' },
  { id: '3', authorId: '3', upc: '1' },
  { id: '4', authorId: '1', upc: '2' },
  { id: '5', authorId: '4', upc: '2' },
  { id: '6', authorId: '5', upc: '3' },
  { id: '7', authorId: '2', upc: '4' },
  { id: '8', authorId: '6', upc: '4' },
  { id: '9', authorId: '3', upc: '5' },
  { id: '10', authorId: '4', upc: '6' },
  { id: '11', authorId: '5', upc: '9' },
].map((review, index) => ({ ...review, body: lorem[index % lorem.length] as string }));

/** Inventory's rule, needing the product's price and weight (its `@requires`). */
export function shippingEstimate(price: number, weight: number): number {
  return price > 1000 ? 0 : Math.round(weight / 2);
}

export const userById = new Map(users.map((user) => [user.id, user]));
export const productByUpc = new Map(products.map((product) => [product.upc, product]));
export const reviewById = new Map(reviews.map((review) => [review.id, review]));
export const reviewsByAuthor = (id: string) => reviews.filter((review) => review.authorId === id);
export const reviewsOfProduct = (upc: string) => reviews.filter((review) => review.upc === upc);
