// A photo from the camera or the library, kept as a data: URL so it survives a restart of the app
// in the outbox on every platform (uploaded when the entry is sent).
import * as ImagePicker from "expo-image-picker";
import type { PendingPhoto } from "./outbox.ts";

export async function pickPhoto(camera: boolean): Promise<PendingPhoto | null> {
  const options: ImagePicker.ImagePickerOptions = { mediaTypes: ["images"], quality: 0.6, base64: true };
  const picked = camera ? await ImagePicker.launchCameraAsync(options) : await ImagePicker.launchImageLibraryAsync(options);
  const asset = picked.canceled ? null : picked.assets[0];
  if (!asset) return null;
  const contentType = asset.mimeType ?? "image/jpeg";
  const dataUrl = asset.uri.startsWith("data:") ? asset.uri : `data:${contentType};base64,${asset.base64 ?? ""}`;
  return { dataUrl, contentType, fileName: asset.fileName ?? "photo.jpg" };
}
