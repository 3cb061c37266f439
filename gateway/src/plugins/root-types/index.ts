import { Kind, type GraphQLSchema, type OperationTypeNode } from 'graphql';
import { EdgeRefusal, type EdgePlugin, type Endpoint } from '../../edge.ts';

export interface RootTypesOptions {
  readonly schema: (endpoint: Endpoint) => GraphQLSchema | null;
}

/**
 * A mutation (or subscription) sent to a graph that has none, such as the public
 * contract, is a validation error, not a query-planner failure.
 */
export function rootTypes(options: RootTypesOptions): EdgePlugin {
  return {
    name: 'root-types',
    onOperation(call, prepared) {
      const schema = options.schema(call.endpoint);
      if (!schema) return;
      for (const definition of prepared.document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const type: OperationTypeNode = definition.operation;
        if (!schema.getRootType(type)) throw new EdgeRefusal(400, 'GRAPHQL_VALIDATION_FAILED', `This graph has no ${type} operations.`);
      }
    },
  };
}
