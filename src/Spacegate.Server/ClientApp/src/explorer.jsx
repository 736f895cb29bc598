// The Model API explorer at /api/models/graph/explorer: GraphiQL with the schema's docs (introspection),
// the README's examples as tabs, and a bearer-token field (src/explorer/tokenField.js).
import { createRoot } from 'react-dom/client';
import { useMemo } from 'react';
import { setNonce } from 'get-nonce';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import './explorer/explorer.css';
import { exampleTabs } from './explorer/examples.js';
import { wireTokenField } from './explorer/tokenField.js';

const root = document.getElementById('explorer');
const graphUrl = root.dataset.graphUrl;
// The dialogs' scroll lock adds a <style> element; the page's CSP admits it with this request's nonce.
setNonce(root.dataset.styleNonce);

const noToken = async () => ({
  errors: [{ message: 'Enter a bearer token above (in the sandbox: "Get a demo token"), then run the query again.' }],
});

function Explorer({ token, currentToken }) {
  // A new fetcher when the token changes: GraphiQL then introspects again, so the docs follow the token. Each
  // request reads the field as it is now, so a query run straight after typing uses what was typed.
  const fetcher = useMemo(() => {
    const withToken = createGraphiQLFetcher({
      url: graphUrl,
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('Authorization', `Bearer ${currentToken()}`);
        return fetch(input, { ...init, headers, credentials: 'omit' });
      },
    });
    return (params, options) => (currentToken() ? withToken(params, options) : noToken());
  }, [token]);
  return (
    <GraphiQL
      fetcher={fetcher}
      // Without a token the API answers 401 to everything, introspection included: ask only once there is one.
      schema={token ? undefined : null}
      defaultTabs={exampleTabs}
      // Queries may hold client secrets (the embed mutations): keep the tabs in this browser tab only.
      storage={sessionStorage}
      // The token field is the one place for the Authorization header.
      isHeadersEditorEnabled={false}
      shouldPersistHeaders={false}
      defaultEditorToolsVisibility="variables"
    />
  );
}

const app = createRoot(document.getElementById('graphiql'));
let currentToken = () => '';
const render = (token) => app.render(<Explorer token={token} currentToken={currentToken} />);
const field = wireTokenField(root, render);
currentToken = field.current;
render(field.initial);
