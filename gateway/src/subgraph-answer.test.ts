// A subgraph answer is read whole within the request's deadline, and every caller handed one gets
// its own response and its own parsed objects.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerResponse, exchange, fetchAnswer } from "./subgraph-answer.ts";

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=30, public" });
    if (req.url === "/stalls") {
      // Headers and half a body, then nothing more: only the deadline ends this read.
      res.write('{"data":');
      return;
    }
    res.end('{"data":{"listing":{"id":"1"}}}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("a subgraph answer", () => {
  it("fails with a TimeoutError when the body stops arriving before the deadline", async () => {
    const failure = await fetchAnswer(exchange, `${url}/stalls`, { method: "POST", headers: {}, body: "{}" }, 300).then(
      () => null,
      (error: unknown) => error as { name?: string },
    );
    expect(failure?.name).toBe("TimeoutError");
  });

  it("gives each caller its own parsed objects and headers over the same bytes", async () => {
    const answer = await fetchAnswer(exchange, `${url}/ok`, { method: "POST", headers: {}, body: "{}" }, 5_000);
    const first = new AnswerResponse(answer);
    const second = new AnswerResponse(answer);
    const [a, b] = await Promise.all([first.json(), second.json()]);
    expect(a).toEqual({ data: { listing: { id: "1" } } });
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    first.headers.set("cache-control", "no-store");
    expect(second.headers.get("Cache-Control")).toBe("max-age=30, public");
    expect(first.ok).toBe(true);
    await expect(first.text()).rejects.toThrow(TypeError);
  });
});
