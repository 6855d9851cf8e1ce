// Sign-in with e-mail and password (a second factor is completed in the web app for now).
import { AuthResultFields, getFragmentData, SignIn } from "@ppt/client-shared/operations";
import { useState } from "react";
import { Text, View } from "react-native";
import { tokensOf } from "../api/session.ts";
import { useApp } from "../AppContext.tsx";
import { Button, Field, Notice, styles } from "../ui.tsx";
import { errorCode } from "@ppt/client-shared/refusal";

const MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: "The e-mail or password is not right.",
  RATE_LIMITED: "Too many attempts; try again in a minute.",
};

export function SignInScreen() {
  const { api, online } = useApp();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    setProblem(null);
    try {
      const { data } = await api.client.mutate({ mutation: SignIn, variables: { input: { email: email.trim(), password } } });
      const result = data ? getFragmentData(AuthResultFields, data.login) : null;
      if (result?.mfaRequired) setProblem("This account uses two-factor sign-in: sign in once in the web app to continue.");
      else if (result && tokensOf(result)) await api.session.set(tokensOf(result));
      else setProblem(MESSAGES.UNAUTHENTICATED!);
    } catch (error) {
      setProblem(MESSAGES[errorCode(error)] ?? "Could not sign in; check the connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <View style={styles.screen}>
      <Text accessibilityRole="header" style={styles.title}>
        Sign in
      </Text>
      {!online && <Notice tone="warn">You are offline: signing in needs a connection.</Notice>}
      <Field label="E-mail" value={email} onChangeText={setEmail} autoCapitalize="none" keyboardType="email-address" autoComplete="email" />
      <Field label="Password" value={password} onChangeText={setPassword} secureTextEntry autoComplete="password" />
      {problem && <Notice tone="error">{problem}</Notice>}
      <Button title={busy ? "Signing in…" : "Sign in"} onPress={() => void submit()} disabled={busy || !email || !password} />
    </View>
  );
}
