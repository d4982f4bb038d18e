import {
  ArcticFetchError,
  type OAuth2Client,
  type OAuth2Tokens,
  OAuth2RequestError,
  UnexpectedErrorResponseBodyError,
  UnexpectedResponseError,
} from 'arctic';
import { IdentityProviderError } from '../../kernel/identity-provider.ts';

/** The code-for-tokens exchange, with arctic's failures turned into the seam's one error. */
export async function exchangeCode(client: OAuth2Client, tokenEndpoint: string, code: string, codeVerifier: string): Promise<OAuth2Tokens> {
  try {
    return await client.validateAuthorizationCode(tokenEndpoint, code, codeVerifier);
  } catch (error) {
    if (error instanceof OAuth2RequestError) {
      throw new IdentityProviderError('token_refused', `The provider refused the code: ${error.code}`, { cause: error });
    }
    if (
      error instanceof ArcticFetchError ||
      error instanceof UnexpectedResponseError ||
      error instanceof UnexpectedErrorResponseBodyError
    ) {
      throw new IdentityProviderError('token_endpoint_failed', 'The provider’s token endpoint did not answer properly', { cause: error });
    }
    throw error;
  }
}
