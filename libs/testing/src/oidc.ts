// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration has no exports to import; packages that import this file need it too
/// <reference path="./oidc-provider.d.ts" />
// oidc-provider ships no types: tests take it from here, where the few parts they use are declared.
export { default as Provider } from "oidc-provider";
