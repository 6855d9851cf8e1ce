// The buildings module's public surface for other modules.
export * from "./ratio.ts";
