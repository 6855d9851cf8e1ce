// The app's shell: restores the session, the saved cache and the outbox, then shows sign-in or
// the resident's tabs. The outbox is sent whenever the device is (back) online.
import { ApolloProvider } from "@apollo/client/react";
import { StatusBar } from "expo-status-bar";
import { useEffect, useState } from "react";
import { ActivityIndicator, Pressable, SafeAreaView, ScrollView, Text, View } from "react-native";
import { createMobileApi, type MobileApi } from "./api/client.ts";
import { SessionStore } from "./api/session.ts";
import { AppContext, useApp, useOutboxEntries } from "./AppContext.tsx";
import { useOnline, useOutboxSender } from "./offline/connectivity.ts";
import { Outbox } from "./offline/outbox.ts";
import { AnnouncementsScreen } from "./screens/AnnouncementsScreen.tsx";
import { BalancesScreen } from "./screens/BalancesScreen.tsx";
import { HomeScreen } from "./screens/HomeScreen.tsx";
import { MessagesScreen } from "./screens/MessagesScreen.tsx";
import { MetersScreen } from "./screens/MetersScreen.tsx";
import { ReportFaultScreen } from "./screens/ReportFaultScreen.tsx";
import { forgetPushRegistration, SettingsScreen } from "./screens/SettingsScreen.tsx";
import { SignInScreen } from "./screens/SignInScreen.tsx";
import { VotesScreen } from "./screens/VotesScreen.tsx";
import { Button, styles } from "./ui.tsx";

interface Started {
  api: MobileApi;
  outbox: Outbox;
}

async function start(): Promise<Started> {
  const session = new SessionStore();
  await session.load();
  const api = await createMobileApi(session);
  const outbox = new Outbox(api.client, () => session.owner());
  await outbox.load();
  session.subscribe(() => outbox.changed());
  return { api, outbox };
}

export function App() {
  const [started, setStarted] = useState<Started | null>(null);
  const [signedIn, setSignedIn] = useState(false);
  const online = useOnline();
  useEffect(() => {
    void start().then((s) => {
      setSignedIn(s.api.session.get() !== null);
      s.api.session.subscribe(setSignedIn);
      setStarted(s);
    });
  }, []);
  if (!started) return <ActivityIndicator style={{ marginTop: 64 }} accessibilityLabel="Loading" />;
  return (
    <ApolloProvider client={started.api.client}>
      <AppContext.Provider value={{ ...started, online }}>
        <SafeAreaView style={{ flex: 1 }}>
          <StatusBar style="auto" />
          {signedIn ? <SignedIn /> : <SignInScreen />}
        </SafeAreaView>
      </AppContext.Provider>
    </ApolloProvider>
  );
}

type Tab = "home" | "balances" | "report" | "announcements" | "messages" | "votes" | "meters" | "settings";

function SignedIn() {
  const { api, outbox, online } = useApp();
  const [tab, setTab] = useState<Tab>("home");
  const waiting = useOutboxEntries().filter((e) => !e.refusedWith).length;
  useOutboxSender(outbox, online, true);

  async function signOut() {
    await forgetPushRegistration(api);
    await api.session.set(null);
    await api.client.clearStore();
    await api.persisted.clear();
  }

  const tabs: [Tab, string][] = [
    ["home", waiting ? `Home (${waiting} waiting)` : "Home"],
    ["balances", "Balances"],
    ["report", "Report a fault"],
    ["announcements", "Announcements"],
    ["messages", "Messages"],
    ["votes", "Votes"],
    ["meters", "Meters"],
    ["settings", "Settings"],
  ];
  return (
    <View style={{ flex: 1 }}>
      <View accessibilityRole="tablist" style={styles.tabs}>
        {tabs.map(([id, label]) => (
          <Pressable
            key={id}
            accessibilityRole="tab"
            accessibilityState={{ selected: tab === id }}
            style={[styles.tab, tab === id && styles.tabActive]}
            onPress={() => setTab(id)}
          >
            <Text>{label}</Text>
          </Pressable>
        ))}
      </View>
      <ScrollView>
        {tab === "home" && <HomeScreen />}
        {tab === "balances" && <BalancesScreen />}
        {tab === "report" && <ReportFaultScreen onDone={() => setTab("home")} />}
        {tab === "announcements" && <AnnouncementsScreen />}
        {tab === "messages" && <MessagesScreen />}
        {tab === "votes" && <VotesScreen />}
        {tab === "meters" && <MetersScreen />}
        {tab === "settings" && <SettingsScreen />}
        <View style={styles.screen}>
          <Button title="Sign out" onPress={() => void signOut()} />
        </View>
      </ScrollView>
    </View>
  );
}
