import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { graphql } from "../generated/gql.ts";
import type { NotificationCategory, NotificationChannel } from "../generated/graphql.ts";
import { Refused } from "../Refused.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";

const NotificationPreferencesQuery = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      channels {
        category
        channel
        enabled
        mutable
      }
    }
  }
`);

const UpdateNotificationPreferences = graphql(`
  mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) {
      channels {
        category
        channel
        enabled
        mutable
      }
    }
  }
`);

const CATEGORIES: NotificationCategory[] = ["FAULTS", "ANNOUNCEMENTS", "VOTING", "MESSAGES", "SECURITY", "GENERAL"];
const CHANNELS: NotificationChannel[] = ["IN_APP", "EMAIL", "PUSH", "SMS"];

interface ChannelPreference {
  category: NotificationCategory;
  channel: NotificationChannel;
  enabled: boolean;
  mutable: boolean;
}

/** /nastavenia/upozornenia: per category and channel, saved as each box is ticked. */
export function NotificationPreferences() {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(NotificationPreferencesQuery);
  const [update, saving] = useMutation(UpdateNotificationPreferences, {
    // The answer is the whole new state: it replaces what the page shows.
    update: (cache, { data: answer }) => {
      if (answer) cache.writeQuery({ query: NotificationPreferencesQuery, data: { notificationPreferences: answer.updateNotificationPreferences } });
    },
  });
  // The box shows the choice at once; the server's answer then replaces it (or, refused, the old state returns).
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const choose = (category: NotificationCategory, channel: NotificationChannel, enabled: boolean) => {
    const key = `${category}:${channel}`;
    setPending((p) => ({ ...p, [key]: enabled }));
    void update({ variables: { input: { channels: [{ category, channel, enabled }] } } })
      .catch(() => undefined)
      .finally(() => setPending(({ [key]: _done, ...rest }) => rest));
  };
  const channels: ChannelPreference[] = data?.notificationPreferences.channels ?? [];
  const find = (category: NotificationCategory, channel: NotificationChannel) => channels.find((c) => c.category === category && c.channel === channel);
  return (
    <section>
      <h1>{t.preferences.heading}</h1>
      <p>{t.preferences.hint}</p>
      {error && <Refused error={error} />}
      {saving.error && <Refused error={saving.error} />}
      {loading && <p className="notice">{t.loading}</p>}
      {channels.length > 0 && (
        <table className="preferences">
          <thead>
            <tr>
              <th scope="col">{t.preferences.category}</th>
              {CHANNELS.map((channel) => (
                <th scope="col" key={channel}>
                  {t.notificationChannel[channel]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {CATEGORIES.map((category) => (
              <tr key={category}>
                <th scope="row">{t.notificationCategory[category]}</th>
                {CHANNELS.map((channel) => {
                  const preference = find(category, channel);
                  if (!preference) return <td key={channel} />;
                  return (
                    <td key={channel}>
                      <input
                        type="checkbox"
                        aria-label={t.preferences.toggle(t.notificationCategory[category], t.notificationChannel[channel])}
                        title={preference.mutable ? undefined : t.preferences.alwaysOn}
                        checked={pending[`${category}:${channel}`] ?? preference.enabled}
                        disabled={!preference.mutable || saving.loading}
                        onChange={(e) => choose(category, channel, e.target.checked)}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {saving.called && !saving.loading && !saving.error && (
        <p className="done" role="status">
          {t.preferences.saved}
        </p>
      )}
    </section>
  );
}
