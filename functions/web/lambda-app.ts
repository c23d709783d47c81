import { Hono } from 'hono';
import type { LambdaEvent } from 'hono/aws-lambda';
import { createApi, onApiError, type WebDeps } from './api.ts';
import { identityFromClaims } from './identity.ts';

type JwtContext = { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };

/**
 * The API on Lambda behind API Gateway (HTTP API, JWT authorizer): the caller is whoever the verified
 * Cognito ID token's claims name — the same API core and authorisation as `pantau serve`.
 */
export function createLambdaApp(deps: Omit<WebDeps, 'identify'>): Hono<{ Bindings: { event: LambdaEvent } }> {
  const app = new Hono<{ Bindings: { event: LambdaEvent } }>();
  const api = createApi({
    ...deps,
    identify: (c) =>
      identityFromClaims((c.env?.event?.requestContext as JwtContext | undefined)?.authorizer?.jwt?.claims),
  });
  app.route('/api', api);
  app.onError(onApiError);
  return app;
}
