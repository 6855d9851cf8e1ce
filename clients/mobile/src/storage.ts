// Where the app keeps what must survive a restart: AsyncStorage (localStorage on the web target).
// The session's tokens go to the platform's keychain instead where there is one (secure-store).
import AsyncStorage from "@react-native-async-storage/async-storage";
import * as SecureStore from "expo-secure-store";
import { Platform } from "react-native";

export async function readJson<T>(key: string): Promise<T | null> {
  const raw = await AsyncStorage.getItem(key);
  if (raw == null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export async function writeJson(key: string, value: unknown): Promise<void> {
  if (value === null) await AsyncStorage.removeItem(key);
  else await AsyncStorage.setItem(key, JSON.stringify(value));
}

const secure = Platform.OS !== "web";

/** Secrets: the keychain / keystore on a device; the web target has only its own storage. */
export const secrets = {
  async get(key: string): Promise<string | null> {
    return secure ? SecureStore.getItemAsync(key) : AsyncStorage.getItem(key);
  },
  async set(key: string, value: string | null): Promise<void> {
    if (secure) await (value === null ? SecureStore.deleteItemAsync(key) : SecureStore.setItemAsync(key, value));
    else await (value === null ? AsyncStorage.removeItem(key) : AsyncStorage.setItem(key, value));
  },
};
