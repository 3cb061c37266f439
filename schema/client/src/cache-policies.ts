import { isInterfaceType, isObjectType, isUnionType, type GraphQLSchema } from 'graphql';

/** Interface and union name → the object types that implement it, as Apollo Client's `possibleTypes` wants. */
export function possibleTypesOf(schema: GraphQLSchema): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isUnionType(type)) result[type.name] = type.getTypes().map((member) => member.name).sort();
    if (isInterfaceType(type)) result[type.name] = schema.getPossibleTypes(type).map((member) => member.name).sort();
  }
  return result;
}

/**
 * Object types Apollo Client cannot normalize: no `id`, so it stores them inside their
 * parent and, when two screens select different fields of one (`User.credits`), replaces
 * one screen's fields with the other's and warns that cache data may be lost. Every such
 * type is owned by the one parent field that holds it, so merging old and new is safe.
 */
export function typesWithoutIdentity(schema: GraphQLSchema): string[] {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean).map((root) => root?.name));
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__') && !roots.has(type.name) && !('id' in type.getFields()))
    .map((type) => type.name)
    .sort();
}
