// Verifying cognito-local's tokens with aws-jwt-verify. Its CognitoJwtVerifier refuses
// cognito-local's pool ids (`local_...`) and `http:` JWKS URLs, so we use the generic verifier
// (JwtVerifier; `JwtRsaVerifier` is its deprecated v4 name) with the issuer/audience checks
// Cognito's verifier would do, and load the JWKS ourselves into its cache.
import { JwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';

export interface LocalJwtVerifierOptions {
  /** The endpoint clients use (the refresh shim); tokens name it as their issuer domain. */
  cognitoEndpoint: string;
  userPoolId: string;
  clientId: string;
  /** Which token to accept. Default 'id'. */
  tokenUse?: 'id' | 'access';
}

export interface LocalJwtVerifier {
  /** Resolves with the payload (incl. `cognito:groups`) or rejects saying what failed. */
  verify(token: string): Promise<JwtPayload>;
}

/** Fetch the pool's JWKS and return a verifier for its id (or access) tokens. */
export async function createLocalJwtVerifier(opts: LocalJwtVerifierOptions): Promise<LocalJwtVerifier> {
  const tokenUse = opts.tokenUse ?? 'id';
  const issuer = `${opts.cognitoEndpoint}/${opts.userPoolId}`;
  const jwksUri = `${issuer}/.well-known/jwks.json`;
  const answer = await fetch(jwksUri);
  if (!answer.ok) throw new Error(`cannot load JWKS from ${jwksUri}: HTTP ${answer.status}`);
  const jwks = (await answer.json()) as Jwks;

  const verifier = JwtVerifier.create({
    issuer,
    jwksUri,
    // Id tokens carry aud = client id; access tokens carry client_id instead (checked below).
    audience: tokenUse === 'id' ? opts.clientId : null,
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== tokenUse) throw new Error(`token_use is ${String(payload.token_use)}, expected ${tokenUse}`);
      if (tokenUse === 'access' && payload.client_id !== opts.clientId) {
        throw new Error(`client_id is ${String(payload.client_id)}, expected ${opts.clientId}`);
      }
    },
  });
  verifier.cacheJwks(jwks);
  return { verify: (token) => verifier.verify(token) };
}
