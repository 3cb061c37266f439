import type { DocumentNode, GraphQLScalarType } from 'graphql';
import { Kind } from 'graphql';
import { resolvers as scalarResolvers } from 'graphql-scalars';

/** graphql-scalars' implementation of each custom scalar the SDL declares. */
export function scalarsFor(typeDefs: DocumentNode): Record<string, GraphQLScalarType> {
  const available = scalarResolvers as Record<string, GraphQLScalarType>;
  const picked: Record<string, GraphQLScalarType> = {};
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.SCALAR_TYPE_DEFINITION) continue;
    const name = definition.name.value;
    const scalar = available[name];
    if (!scalar) throw new Error(`scalar ${name} is declared in the SDL but graphql-scalars has no implementation`);
    picked[name] = scalar;
  }
  return picked;
}
