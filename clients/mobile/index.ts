// The app's entry for Expo (native and web).
import { registerRootComponent } from "expo";
import { App } from "./src/App.tsx";

registerRootComponent(App);
