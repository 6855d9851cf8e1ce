// The few building blocks the screens share, labelled for screen readers.
import type { ReactNode } from "react";
import { Pressable, StyleSheet, Text, TextInput, View, type TextInputProps } from "react-native";

export function Field({ label, ...input }: { label: string } & TextInputProps) {
  return (
    <View style={styles.field}>
      <Text style={styles.label}>{label}</Text>
      <TextInput accessibilityLabel={label} style={styles.input} {...input} />
    </View>
  );
}

export function Button({ title, onPress, disabled }: { title: string; onPress: () => void; disabled?: boolean }) {
  return (
    <Pressable accessibilityRole="button" onPress={onPress} disabled={disabled} style={[styles.button, disabled && styles.disabled]}>
      <Text style={styles.buttonText}>{title}</Text>
    </Pressable>
  );
}

export function Notice({ children, tone = "info" }: { children: ReactNode; tone?: "info" | "warn" | "error" }) {
  return (
    <View accessibilityRole="alert" style={[styles.notice, styles[tone]]}>
      <Text>{children}</Text>
    </View>
  );
}

export const styles = StyleSheet.create({
  screen: { padding: 16, gap: 12 },
  title: { fontSize: 22, fontWeight: "600" },
  subtitle: { fontSize: 17, fontWeight: "600", marginTop: 8 },
  muted: { color: "#555" },
  field: { gap: 4 },
  label: { fontWeight: "500" },
  input: { borderWidth: 1, borderColor: "#888", borderRadius: 6, padding: 10, fontSize: 16 },
  button: { backgroundColor: "#1d4ed8", borderRadius: 6, padding: 12, alignItems: "center" },
  buttonText: { color: "#fff", fontWeight: "600" },
  disabled: { opacity: 0.5 },
  notice: { borderRadius: 6, padding: 10 },
  info: { backgroundColor: "#e0ecff" },
  warn: { backgroundColor: "#fff4d6" },
  error: { backgroundColor: "#fde2e2" },
  row: { borderBottomWidth: 1, borderBottomColor: "#ddd", paddingVertical: 8 },
  tabs: { flexDirection: "row", flexWrap: "wrap", borderBottomWidth: 1, borderBottomColor: "#ccc" },
  tab: { flexGrow: 1, padding: 12, alignItems: "center" },
  tabActive: { borderBottomWidth: 3, borderBottomColor: "#1d4ed8" },
});
