import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

// Where the Datanexus REST API lives (the simulator by default).
const endpoint = process.env.DATANEXUS_ENDPOINT || 'http://127.0.0.1:8100/datanexus';

export const composeConfig = defineConfig({
  subgraphs: [
    {
      sourceHandler: loadOpenAPISubgraph('Datanexus', {
        source: './datanexus.openapi.json',
        endpoint,
        operationHeaders: {
          authorization: 'apikey demo',
        },
      }),
    },
  ],
});
