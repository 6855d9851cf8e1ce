// Where the gateway is: EXPO_PUBLIC_GRAPHQL_URL at build time (eas.json sets it per build
// profile); the web target talks to its own origin's /graphql (the reverse proxy in front of the
// gateway).
import { Platform } from "react-native";

const PRODUCTION_URL = "https://api.ppt.sk/graphql";

export function graphqlUrl(): string {
  // Written out in full: Expo inlines EXPO_PUBLIC_* only where the code names them so.
  const configured: unknown = process.env.EXPO_PUBLIC_GRAPHQL_URL;
  if (typeof configured === "string" && configured) return configured;
  if (Platform.OS === "web" && typeof window !== "undefined") return new URL("/graphql", window.location.origin).toString();
  return PRODUCTION_URL;
}

export function webSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}
