import { defineConfig } from '@graphql-hive/gateway';

// Hive Gateway's own config, so that it does not fall back to importing mesh.config.ts (and
// with it the compose CLI and the OpenAPI loader) at start-up. Defaults otherwise.
export const gatewayConfig = defineConfig({
  supergraph: './supergraph.graphql',
});
