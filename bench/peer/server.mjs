// node-oidc-provider with dynamic registration (RFC 7591) and registration management (RFC 7592) on, its
// in-memory adapter, no TLS: the peer bench/run.sh measures beside ClientPlatform. Usage: node server.mjs <port>
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? 3000);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  features: {
    registration: { enabled: true },
    registrationManagement: { enabled: true },
    devInteractions: { enabled: false },
  },
  // Quiet: the benchmark measures requests, not logging.
  renderError: async (ctx, out) => { ctx.body = out; },
});
provider.proxy = true;
provider.listen(port, '127.0.0.1', () => console.log(`node-oidc-provider ${port} ready`));
