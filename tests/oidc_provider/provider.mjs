// A real OpenID Connect provider (panva/oidc-provider) for the end-to-end tests.
//
// Listens on 127.0.0.1 only, over plain http, with one confidential client taken from the
// environment. Test use only: fixed cookie keys, in-memory storage, the library's built-in
// development login and consent pages ("devInteractions"), and any login name signs in.
//
// Environment:
//   OIDC_PORT           TCP port to listen on; the issuer is http://127.0.0.1:<port>
//   OIDC_CLIENT_ID      the only client's client_id
//   OIDC_CLIENT_SECRET  its client_secret (client_secret_basic or client_secret_post)
//   OIDC_REDIRECT_URI   its redirect URI (several may be given, separated by whitespace)
//   OIDC_SIGNING_JWK    the RSA private key (JWK, JSON) that signs ID tokens
//   OIDC_EXIT_WITH_STDIN=1  exit when stdin reaches end of file (the parent went away)
//
// Accounts: a login name L gives sub "sub-L", email "L@example.com" (or L itself when it
// contains "@"), email_verified true unless L starts with "unverified", name "OIDC L" and
// picture "https://example.com/L.png". The password field is ignored.
//
// Prints "listening http://127.0.0.1:<port>" on stdout once it accepts connections, and exits
// on SIGTERM or SIGINT.

import process from 'node:process';

import Provider from 'oidc-provider';

function required(name) {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`provider.mjs: environment variable ${name} is required\n`);
    process.exit(2);
  }
  return value;
}

const port = Number.parseInt(required('OIDC_PORT'), 10);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  process.stderr.write(`provider.mjs: OIDC_PORT must be a TCP port, not ${process.env.OIDC_PORT}\n`);
  process.exit(2);
}
const clientId = required('OIDC_CLIENT_ID');
const clientSecret = required('OIDC_CLIENT_SECRET');
const redirectUris = required('OIDC_REDIRECT_URI').split(/\s+/).filter(Boolean);

const issuer = `http://127.0.0.1:${port}`;

// The session's accountId is the ID token's `sub` (oidc-provider always sets sub = accountId),
// so the login name gets its "sub-" prefix when the login interaction finishes, below.
const SUB_PREFIX = 'sub-';

function accountFor(accountId) {
  const login = accountId.startsWith(SUB_PREFIX) ? accountId.slice(SUB_PREFIX.length) : accountId;
  const claims = {
    sub: accountId,
    email: login.includes('@') ? login : `${login}@example.com`,
    email_verified: !login.startsWith('unverified'),
    name: `OIDC ${login}`,
    picture: `https://example.com/${login}.png`,
  };
  return {
    accountId,
    // The provider filters these by the granted scopes and requested claims.
    async claims() {
      return { ...claims };
    },
  };
}

// The key comes from the harness: Node 20's generateKeyPairSync followed by a JWK export
// deadlocks about once in 150 starts (a GC inside the export destroys the key-generation job,
// whose destructor waits on a mutex the export holds), and the provider never listens.
const signingKey = {
  ...JSON.parse(required('OIDC_SIGNING_JWK')),
  kid: `test-${Date.now().toString(36)}`,
  use: 'sig',
  alg: 'RS256',
};

const configuration = {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // authlib's default. oidc-provider 9 accepts client_secret_post from such a client too.
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
  ],
  clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
  responseTypes: ['code'],
  scopes: ['openid', 'email', 'profile'],
  claims: {
    acr: null,
    auth_time: null,
    iss: null,
    sid: null,
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'picture'],
  },
  // Put the scope's claims in the ID token too, not only in the userinfo response.
  conformIdTokenClaims: false,
  // Every authorization request needs a code_challenge; oidc-provider 9 only knows S256.
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
  },
  findAccount: async (ctx, accountId) => accountFor(accountId),
  jwks: { keys: [signingKey] },
  cookies: {
    // Cookies are scoped by host, not by port: the app under test on another 127.0.0.1 port
    // sees these cookies too, so keep their names clear of anything the app might use.
    names: {
      session: 'oidc_test_session',
      interaction: 'oidc_test_interaction',
      resume: 'oidc_test_interaction_resume',
    },
    keys: ['oidc-test-cookie-key-1', 'oidc-test-cookie-key-0'],
    // Over plain http the provider sets no Secure flag (it adds one only on https requests).
    long: { httpOnly: true, sameSite: 'lax' },
    short: { httpOnly: true, sameSite: 'lax' },
  },
};

const provider = new Provider(issuer, configuration);

// devInteractions submits the typed login name as the accountId; turn it into the subject.
const interactionResult = provider.interactionResult.bind(provider);
provider.interactionResult = (req, res, result, options) => {
  if (result?.login?.accountId !== undefined) {
    result.login.accountId = `${SUB_PREFIX}${result.login.accountId}`;
  }
  return interactionResult(req, res, result, options);
};

// The built-in pages @import a Google web font; tests run on loopback only, so drop it.
provider.use(async (ctx, next) => {
  await next();
  if (typeof ctx.body === 'string' && ctx.response.is('html')) {
    ctx.body = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);?/g, '');
  }
});

provider.on('server_error', (ctx, error) => {
  process.stderr.write(`provider.mjs: server_error ${error?.stack ?? error}\n`);
});

const server = provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${issuer}\n`);
});

server.on('error', (error) => {
  process.stderr.write(`provider.mjs: ${error.message}\n`);
  process.exit(1);
});

function stop() {
  server.close();
  server.closeAllConnections();
  process.exit(0);
}

process.on('SIGTERM', stop);
process.on('SIGINT', stop);

if (process.env.OIDC_EXIT_WITH_STDIN === '1') {
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}
