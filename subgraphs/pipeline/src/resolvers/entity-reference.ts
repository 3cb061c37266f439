/** Another subgraph's entity as pipeline knows it: its id, for the gateway to resolve. */
export interface EntityReference {
  readonly id: string;
}

export const referenceTo = (id: string): EntityReference => ({ id });
