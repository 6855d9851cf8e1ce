// Types every resolver from the subgraph SDL (and, in clients/, every operation from the supergraph).
// Run by `npm install` (postinstall) and `npm run codegen`; output lives in generated/ folders.
import type { CodegenConfig } from "@graphql-codegen/cli";

const common = {
  useTypeImports: true,
  federation: true,
  useIndexSignature: true,
  enumsAsTypes: true,
  avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
  scalars: {
    DateTime: { input: "string", output: "Date | string" },
    LocalDate: { input: "string", output: "Date | string" },
    UUID: "string",
    EmailAddress: "string",
    Decimal: { input: "string", output: "string | { toString(): string }" },
    JSON: "unknown",
  },
};

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    "subgraphs/property/src/generated/graphql.ts": {
      schema: "schema/property.graphql",
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        ...common,
        contextType: "../shared/context.ts#PropertyContext",
        mappers: {
          Organization: "@ppt/db/client#Organization as OrganizationModel",
          Building: "../modules/buildings/service.ts#BuildingView",
          Unit: "../modules/buildings/service.ts#UnitView",
          Entrance: "@ppt/db/client#Entrance as EntranceModel",
          BuildingConnection: "@ppt/server-kit#Connection<BuildingView>",
        },
      },
    },
    "subgraphs/reality/src/generated/graphql.ts": {
      schema: "schema/reality.graphql",
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        ...common,
        contextType: "../shared/context.ts#RealityContext",
        mappers: {
          Listing: "@ppt/db/client#Listing as ListingModel",
          Realtor: "@ppt/db/client#Realtor as RealtorModel",
          Agency: "@ppt/db/client#Agency as AgencyModel",
          Unit: "../modules/listings/service.ts#UnitRef",
          ListingConnection: "@ppt/server-kit#Connection<ListingModel>",
        },
      },
    },
  },
};

export default config;
