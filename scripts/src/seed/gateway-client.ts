/** A tiny client for seeding through the public graph, exactly as a frontend would. */
export interface SeedClient {
  request<T>(query: string, variables?: Record<string, unknown>, accessToken?: string): Promise<T>;
}

export function seedClient(gatewayUrl: string): SeedClient {
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}, accessToken?: string): Promise<T> {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length || !body.data) throw new Error(`seed operation failed: ${body.errors?.map((e) => e.message).join('; ') ?? response.status}`);
      return body.data;
    },
  };
}
