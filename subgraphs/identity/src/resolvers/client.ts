import type { RequestClient } from '@jobgraph/kit';
import { cleanUserAgent, coarseIp, type ClientInfo } from '../domain/client-info.ts';

/** The request's client as identity keeps it: a clean user agent and a coarse network. */
export const clientInfo = (client: RequestClient): ClientInfo => ({ userAgent: cleanUserAgent(client.userAgent), ipNetwork: coarseIp(client.ip) });
