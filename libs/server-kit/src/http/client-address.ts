// Who the client is, for rate limits, sessions and the audit log. `X-Forwarded-For` is whatever the
// sender wrote: it is believed only from a configured proxy (`TRUSTED_PROXIES`), hop by hop from
// the right, and otherwise the socket's peer is the client. The gateway works it out once and
// hands it to the subgraphs in their own header, which a subgraph believes only next to the
// gateway's secret: a client's forwarded headers are never a key anywhere.
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";
import { carriesSubgraphSecret } from "./subgraph-secret.ts";

/** The gateway → subgraph header with the client's address (replaced on arrival unless the gateway's secret comes with it). */
export const CLIENT_ADDRESS_HEADER = "x-ppt-client-address";

/** A literal IPv4 or IPv6 address, with v4-mapped IPv6 (`::ffff:10.0.0.1`) written as IPv4; null for anything else. */
export function normaliseAddress(value: string | undefined | null): string | null {
  if (!value) return null;
  let address = value.trim();
  if (address.toLowerCase().startsWith("::ffff:") && isIP(address.slice(7)) === 4) address = address.slice(7);
  return isIP(address) ? address.toLowerCase() : null;
}

/** `TRUSTED_PROXIES`: comma-separated addresses and CIDR ranges of the proxies in front of the gateway. */
export function parseTrustedProxies(value: string | undefined): string[] {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  trustedProxySet(entries); // validates
  return entries;
}

export interface TrustedProxySet {
  has(address: string): boolean;
}

export function trustedProxySet(entries: readonly string[]): TrustedProxySet {
  const list = new BlockList();
  for (const entry of entries) {
    const [rawAddress, prefix] = entry.split("/");
    const address = normaliseAddress(rawAddress);
    if (!address) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    const family = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      list.addAddress(address, family);
      continue;
    }
    const bits = Number(prefix);
    if (!Number.isInteger(bits) || bits < 0 || bits > (family === "ipv4" ? 32 : 128)) throw new Error(`TRUSTED_PROXIES: "${entry}" has a bad prefix length`);
    list.addSubnet(address, bits, family);
  }
  return { has: (address) => list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6") };
}

/**
 * The client's address as the gateway sees it: the peer, unless the peer is a trusted proxy; then
 * the right-most `X-Forwarded-For` hop that is not itself a trusted proxy (the hops to its left were
 * written by whoever the client is, and prove nothing).
 */
export function clientAddress(req: IncomingMessage, trusted: TrustedProxySet): string | null {
  const peer = normaliseAddress(req.socket.remoteAddress);
  if (!peer || !trusted.has(peer)) return peer;
  const header = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").filter((hop) => hop.trim());
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i]);
    // A hop that is not an address was not written by a proxy we trust: stop at the last good one.
    if (!hop) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}

/**
 * At a subgraph: the address the gateway sent, when the gateway's secret comes with it; otherwise
 * the peer itself (a direct caller's own forwarded headers are never believed). Written back into
 * CLIENT_ADDRESS_HEADER so the context reads one header, whoever called.
 */
export function settleSubgraphClientAddress(req: IncomingMessage, secret: string | null): string | null {
  const fromGateway = secret && carriesSubgraphSecret(req.headers, secret) ? normaliseAddress(headerValue(req.headers, CLIENT_ADDRESS_HEADER)) : null;
  const address = fromGateway ?? normaliseAddress(req.socket.remoteAddress);
  if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
  else delete req.headers[CLIENT_ADDRESS_HEADER];
  return address;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
