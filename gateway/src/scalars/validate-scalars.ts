import { valueFromASTUntyped, type GraphQLSchema, type GraphQLScalarType } from 'graphql';
import { resolvers as scalarImplementations } from 'graphql-scalars';

/**
 * The supergraph names custom scalars but carries no code for them, so the gateway
 * would pass `"not-an-email"` on to a subgraph. This teaches its schema to check each
 * known scalar, so malformed input fails at the edge with BAD_USER_INPUT and no
 * subgraph is called. Values pass through unchanged: subgraphs parse them again.
 */
export function validateScalarsAtTheEdge(schema: GraphQLSchema): void {
  const implementations = scalarImplementations as Record<string, GraphQLScalarType>;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!('parseValue' in type) || 'getFields' in type || 'getValues' in type) continue;
    const implementation = implementations[type.name];
    if (!implementation) continue;
    const scalar = type as GraphQLScalarType;
    scalar.parseValue = (value: unknown) => {
      implementation.parseValue(value);
      return value;
    };
    scalar.parseLiteral = (node, variables) => {
      implementation.parseLiteral(node, variables);
      return valueFromASTUntyped(node, variables);
    };
  }
}
