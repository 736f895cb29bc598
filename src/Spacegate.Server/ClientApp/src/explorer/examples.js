// The README's Model API examples (README "5. The Model API" and "6. Private Model Embed"), one GraphiQL tab each.
// Tabs are named after their operations. Model HXDYzEzVMGP is a private model of the sandbox's Globex Estates,
// the account of the demo token.

const search = `# Search (field:value, "phrases", ranges, AND/OR/NOT), pages of 3, newest first.
# Pass nextOffset back as offset for the next page; it is null on the last one.
# The search syntax: docs/SEARCH.md
query SearchModels {
  models(query: "state:active AND created:[2020-01-01 TO *]", pageSize: 3) {
    totalResults
    nextOffset
    results { id name accessVisibility }
  }
}
`;

const oneModel = `# One model: public and private details, bundles, and signed download URLs (valid 15 minutes).
query OneModel {
  model(id: "HXDYzEzVMGP") {
    name
    internalId
    address { locality }
    bundles {
      id
      availability
      price { amount currencyCode }
      assets { filename url }
    }
    assets { scene { url validUntil } }
  }
}
`;

const edit = `# Edit a model's details (scope EditDetails).
mutation EditDescription {
  patchModel(id: "HXDYzEzVMGP", patch: { description: "Refurbished 2026" }) {
    id
    modified
  }
}
`;

const purchase = `# Buy a bundle (scope PurchaseAssets): charged to the account and recorded in its ledger.
mutation BuyFloorPlan {
  unlockModelBundle(id: "HXDYzEzVMGP", bundleId: "floorplan:schematic") {
    id
    availability
  }
}
`;

const embed = `# Private Model Embed: a short-lived, read-only token for one private model and a link any page may frame.
# clientId and clientSecret must be the bearer token's own app, on an account enabled for PME (in the sandbox:
# the Globex Intranet Portal demo app, whose secret the README lists). Put the secret in the variables below.
mutation CreateEmbedLink($clientId: String!, $clientSecret: String!) {
  createPrivateModelEmbedLink(modelId: "HXDYzEzVMGP", clientId: $clientId, clientSecret: $clientSecret, validFor: "10m") {
    accessToken
    application
    link
    validUntil
  }
}
`;

const embedVariables = JSON.stringify({ clientId: 'globexportal0000000000001', clientSecret: 'PASTE_CLIENT_SECRET' }, null, 2);

/** GraphiQL's defaultTabs: the first one opens when the explorer has no tabs of its own yet. */
export const exampleTabs = [
  { query: search },
  { query: oneModel },
  { query: edit },
  { query: purchase },
  { query: embed, variables: embedVariables },
];
