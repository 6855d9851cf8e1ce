// Where the JWT keys come from: the environment in production; in the embedded default a
// development key pair generated once into .data/ so that every local process shares it.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { JSONWebKeySet } from "jose";
import { generateSigningKey, type SigningKey } from "./tokens.ts";

export interface KeyMaterial {
  signing: SigningKey | null;
  jwks: JSONWebKeySet;
}

export function keysFromEnv(env: NodeJS.ProcessEnv): KeyMaterial | null {
  if (!env.JWT_JWKS) return null;
  const jwks = JSON.parse(env.JWT_JWKS) as JSONWebKeySet;
  const signing = env.JWT_PRIVATE_KEY ? { kid: env.JWT_KEY_ID ?? jwks.keys[0]?.kid ?? "default", privateKeyPem: env.JWT_PRIVATE_KEY } : null;
  return { signing, jwks };
}

/** Reads the development key pair, creating it on first use (atomically: processes may race). */
export async function developmentKeys(file: string): Promise<KeyMaterial> {
  if (!existsSync(file)) {
    const generated = await generateSigningKey();
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(generated, null, 2), { mode: 0o600 });
    if (!existsSync(file)) renameSync(temp, file);
  }
  return JSON.parse(readFileSync(file, "utf8")) as KeyMaterial;
}
